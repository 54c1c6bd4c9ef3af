// The embedded cluster over the wire: exactly what kube-apiserver answers, checked request by
// request (auth, discovery, OpenAPI, errors, lists, watches, subresources, CRDs, TLS).
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any --
   these tests read raw JSON responses field by field; typing every Kubernetes body would hide what is checked. */
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiRequest, openWatch, startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTab, cronTabCrd } from './support/crd-fixtures.ts';

type Obj = Record<string, any>;

let cluster: TestCluster;
const call = (method: string, path: string, options?: Parameters<typeof apiRequest>[3]) =>
  apiRequest(cluster, method, path, options);
const json = async (
  method: string,
  path: string,
  options?: Parameters<typeof apiRequest>[3],
): Promise<Obj> => {
  const r = await call(method, path, options);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.json as Obj;
};
const ns = async (name: string) => {
  await json('POST', '/api/v1/namespaces', { body: { metadata: { name } } });
  return name;
};
const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});
const deployment = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
});

function isStatus(body: unknown, code: number, reason: string, message?: RegExp): void {
  const s = body as Obj;
  assert.equal(s['kind'], 'Status');
  assert.equal(s['apiVersion'], 'v1');
  assert.equal(s['status'], 'Failure');
  assert.equal(s['code'], code);
  assert.equal(s['reason'], reason);
  if (message) assert.match(String(s['message']), message);
}

before(async () => {
  cluster = await startTestCluster(undefined, { bookmarkIntervalMs: 200 });
});
after(() => cluster.close());

describe('embedded cluster over HTTP', { concurrency: true }, () => {
  it('serves HTTPS with its own CA, and answers health and /version without a token', async () => {
    assert.match(cluster.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const r = await call('GET', path, { token: null });
      assert.equal(r.status, 200);
      assert.equal(r.text, 'ok');
    }
    const v = await call('GET', '/version', { token: null });
    assert.equal(v.status, 200);
    assert.equal((v.json as Obj)['major'], '1');
    assert.equal((v.json as Obj)['minor'], '31');
    assert.match((v.json as Obj)['gitVersion'], /^v1\.31\.\d+/);
  });

  it('refuses everything else without the bearer token, with a 401 Status', async () => {
    for (const [path, token] of [
      ['/api', null],
      ['/api/v1/namespaces', null],
      ['/apis/apps/v1/deployments', 'wrong'],
    ] as const) {
      const r = await call('GET', path, { token });
      assert.equal(r.status, 401, path);
      isStatus(r.json, 401, 'Unauthorized');
    }
  });

  it('negotiates aggregated discovery strictly by Accept: v2, v2beta1, or legacy', async () => {
    const v2 = await call('GET', '/apis', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    assert.equal(
      v2.headers['content-type'],
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const list = v2.json as Obj;
    assert.equal(list['apiVersion'], 'apidiscovery.k8s.io/v2');
    const apps = (list['items'] as Obj[]).find((g) => g['metadata']['name'] === 'apps')!;
    const deploy = (apps['versions'][0]['resources'] as Obj[]).find((r) => r['resource'] === 'deployments')!;
    assert.deepEqual(deploy['responseKind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.equal(deploy['scope'], 'Namespaced');
    assert.deepEqual(deploy['shortNames'], ['deploy']);
    assert.deepEqual(deploy['categories'], ['all']);
    assert.deepEqual(
      deploy['subresources'].map((s: Obj) => [s['subresource'], s['responseKind']['kind']]),
      [
        ['status', 'Deployment'],
        ['scale', 'Scale'],
      ],
    );

    const beta = await call('GET', '/api', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    });
    assert.equal(
      beta.headers['content-type'],
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    );
    const core = (beta.json as Obj)['items'][0];
    assert.equal(core['metadata']['name'], '');
    assert.ok(
      (core['versions'][0]['resources'] as Obj[]).some(
        (r) => r['resource'] === 'pods' && r['responseKind']['group'] === '',
      ),
    );

    const legacy = await call('GET', '/apis', { accept: 'application/json' });
    assert.equal(legacy.headers['content-type'], 'application/json');
    assert.equal((legacy.json as Obj)['kind'], 'APIGroupList');
    assert.deepEqual(
      (legacy.json as Obj)['groups'].find((g: Obj) => g['name'] === 'autoscaling')['preferredVersion'],
      { groupVersion: 'autoscaling/v2', version: 'v2' },
    );
    assert.deepEqual((await json('GET', '/api'))['versions'], ['v1']);
  });

  it('lists resources per group/version with subresources, as client-node maps kinds', async () => {
    const core = await json('GET', '/api/v1');
    assert.equal(core['kind'], 'APIResourceList');
    const byName = new Map((core['resources'] as Obj[]).map((r) => [r['name'], r]));
    assert.deepEqual(byName.get('namespaces')?.['verbs'], [
      'create',
      'delete',
      'get',
      'list',
      'patch',
      'update',
      'watch',
    ]);
    assert.equal(byName.get('namespaces')?.['namespaced'], false);
    assert.equal(byName.get('pods')?.['singularName'], 'pod');
    assert.deepEqual(byName.get('namespaces/finalize')?.['verbs'], ['update']);
    const apps = await json('GET', '/apis/apps/v1');
    const scale = (apps['resources'] as Obj[]).find((r) => r['name'] === 'deployments/scale')!;
    assert.deepEqual([scale['group'], scale['version'], scale['kind']], ['autoscaling', 'v1', 'Scale']);
    assert.equal((await json('GET', '/apis/apps'))['preferredVersion']['version'], 'v1');
    assert.equal((await call('GET', '/apis/nope.example.com/v1')).status, 404);
  });

  it('publishes the minimal OpenAPI v3 that makes kubectl validate on the server', async () => {
    const index = await json('GET', '/openapi/v3');
    const url = index['paths']['apis/apps/v1']['serverRelativeURL'] as string;
    assert.match(url, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    const doc = await call('GET', url);
    assert.equal(doc.headers['cache-control'], 'public, immutable');
    const path = (doc.json as Obj)['paths']['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    assert.deepEqual(path['patch']['x-kubernetes-group-version-kind'], {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    assert.deepEqual(
      path['patch']['parameters'].map((p: Obj) => p['name']),
      ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
    );
    assert.deepEqual(Object.keys(path['patch']['requestBody']['content']), [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    const schemas = (doc.json as Obj)['components']['schemas'];
    assert.deepEqual(schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    const stale = await call('GET', '/openapi/v3/api/v1?hash=STALE');
    assert.equal(stale.status, 301);
    assert.match(String(stale.headers.location), /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
    assert.equal((await call('GET', '/openapi/v2')).status, 404);
  });

  it('answers errors with the Status bodies kubectl prints', async () => {
    const n = await ns('errors');
    const missing = await call('GET', `/apis/apps/v1/namespaces/${n}/deployments/ghost`);
    assert.equal(missing.status, 404);
    isStatus(missing.json, 404, 'NotFound', /^deployments\.apps "ghost" not found$/);
    assert.deepEqual((missing.json as Obj)['details'], { name: 'ghost', group: 'apps', kind: 'deployments' });
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('dup') });
    const dup = await call('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('dup') });
    isStatus(dup.json, 409, 'AlreadyExists', /^configmaps "dup" already exists$/);
    const badJson = await call('POST', `/api/v1/namespaces/${n}/configmaps`, { body: '{"metadata":' });
    isStatus(badJson.json, 400, 'BadRequest');
    const wrongKind = await call('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } },
    });
    isStatus(
      wrongKind.json,
      400,
      'BadRequest',
      /the kind in the data \(Secret\) does not match the expected kind \(ConfigMap\)/,
    );
    const wrongNs = await call('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: { ...cm('x'), metadata: { name: 'x', namespace: 'other' } },
    });
    isStatus(wrongNs.json, 400, 'BadRequest', /does not match the namespace sent on the request/);
    const noName = await call('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
    });
    isStatus(
      noName.json,
      422,
      'Invalid',
      /^ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required$/,
    );
    const notAllowed = await call('PUT', `/api/v1/namespaces/${n}/configmaps`, { body: cm('x') });
    isStatus(notAllowed.json, 405, 'MethodNotAllowed');
    const proto = await call('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: 'x',
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    isStatus(proto.json, 415, 'UnsupportedMediaType');
    const unacceptable = await call('GET', `/api/v1/namespaces/${n}/configmaps`, {
      accept: 'application/vnd.kubernetes.protobuf',
    });
    isStatus(unacceptable.json, 406, 'NotAcceptable');
    assert.equal((await call('GET', '/no/such/path')).status, 404);
  });

  it('enforces scope: cluster-scoped objects never live under a namespace, namespaced ones always do', async () => {
    assert.equal((await call('GET', '/api/v1/namespaces/default/nodes')).status, 404);
    assert.equal((await call('GET', '/api/v1/configmaps/whatever')).status, 404);
    assert.equal((await call('POST', '/api/v1/configmaps', { body: cm('x') })).status, 404);
    const all = await json('GET', '/api/v1/configmaps');
    assert.equal(all['kind'], 'ConfigMapList', 'a namespaced type lists across namespaces');
    const created = await json('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'viewer', namespace: 'ignored' },
        rules: [],
      },
    });
    assert.equal(created['metadata']['namespace'], undefined, 'a cluster-scoped object drops a namespace');
  });

  it('paginates with limit/continue over a consistent snapshot', async () => {
    const n = await ns('pages');
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm(name) });
    const first = await json('GET', `/api/v1/namespaces/${n}/configmaps?limit=2`);
    assert.deepEqual(
      first['items'].map((i: Obj) => i['metadata']['name']),
      ['a', 'b'],
    );
    assert.equal(first['metadata']['remainingItemCount'], 3);
    const rv = first['metadata']['resourceVersion'];
    // Changes after the first page do not show in later pages.
    await json('DELETE', `/api/v1/namespaces/${n}/configmaps/c`);
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('bb') });
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/d`, {
      body: { data: { changed: 'yes' } },
      contentType: 'application/merge-patch+json',
    });
    const second = await json(
      'GET',
      `/api/v1/namespaces/${n}/configmaps?limit=2&continue=${first['metadata']['continue']}`,
    );
    assert.deepEqual(
      second['items'].map((i: Obj) => i['metadata']['name']),
      ['c', 'd'],
    );
    assert.deepEqual(second['items'][1]['data'], {});
    assert.equal(second['metadata']['resourceVersion'], rv);
    const third = await json(
      'GET',
      `/api/v1/namespaces/${n}/configmaps?limit=2&continue=${second['metadata']['continue']}`,
    );
    assert.deepEqual(
      third['items'].map((i: Obj) => i['metadata']['name']),
      ['e'],
    );
    assert.equal(third['metadata']['continue'], undefined);
    const both = await call(
      'GET',
      `/api/v1/namespaces/${n}/configmaps?limit=2&resourceVersion=5&continue=${first['metadata']['continue']}`,
    );
    isStatus(both.json, 400, 'BadRequest', /specifying resource version is not allowed when using continue/);
  });

  it('honours resourceVersion on lists: 0, not-older-than, exact, and too large', async () => {
    const n = await ns('rvs');
    const a = await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('a', { v: '1' }) });
    const at = a['metadata']['resourceVersion'];
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/a`, {
      body: { data: { v: '2' } },
      contentType: 'application/merge-patch+json',
    });
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('b') });
    const exact = await json(
      'GET',
      `/api/v1/namespaces/${n}/configmaps?resourceVersion=${at}&resourceVersionMatch=Exact`,
    );
    assert.equal(exact['metadata']['resourceVersion'], at);
    assert.deepEqual(
      exact['items'].map((i: Obj) => [i['metadata']['name'], i['data']['v']]),
      [['a', '1']],
    );
    const latest = await json('GET', `/api/v1/namespaces/${n}/configmaps?resourceVersion=${at}`);
    assert.equal(latest['items'].length, 2);
    assert.equal(
      (await json('GET', `/api/v1/namespaces/${n}/configmaps?resourceVersion=0`))['items'].length,
      2,
    );
    const future = await call('GET', `/api/v1/namespaces/${n}/configmaps?resourceVersion=999999999`);
    assert.equal(future.status, 504);
    isStatus(future.json, 504, 'Timeout', /Too large resource version/);
  });

  it('selects by labels and fields, including type-specific fields', async () => {
    const n = await ns('select');
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: cm('a', {}, { team: 'x', tier: 'web' }),
    });
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('b', {}, { team: 'y' }) });
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('c') });
    const names = async (q: string) =>
      (await json('GET', `/api/v1/namespaces/${n}/configmaps?${q}`))['items'].map(
        (i: Obj) => i['metadata']['name'],
      );
    assert.deepEqual(await names('labelSelector=team%3Dx'), ['a']);
    assert.deepEqual(await names('labelSelector=team%20in%20(x,y)'), ['a', 'b']);
    assert.deepEqual(await names('labelSelector=team%20notin%20(x)'), ['b', 'c']);
    assert.deepEqual(await names('labelSelector=!team'), ['c']);
    assert.deepEqual(await names('labelSelector=team,tier!%3Dweb'), ['b']);
    assert.deepEqual(await names('fieldSelector=metadata.name%3Db'), ['b']);
    const bad = await call('GET', `/api/v1/namespaces/${n}/configmaps?fieldSelector=data.x%3D1`);
    isStatus(bad.json, 400, 'BadRequest', /field label not supported: data.x/);
    await json('POST', `/api/v1/namespaces/${n}/pods`, {
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      },
    });
    const pods = await json('GET', `/api/v1/namespaces/${n}/pods?fieldSelector=status.phase%3DPending`);
    assert.deepEqual(
      pods['items'].map((i: Obj) => i['metadata']['name']),
      ['p'],
    );
    assert.equal(
      (await json('GET', `/api/v1/namespaces/${n}/pods?fieldSelector=status.phase%3DRunning`))['items']
        .length,
      0,
    );
  });

  it('serves Tables with printer columns, partial metadata and YAML when asked', async () => {
    const n = await ns('tables');
    await json('POST', `/apis/apps/v1/namespaces/${n}/deployments`, { body: deployment('web', 3) });
    const table = await call('GET', `/apis/apps/v1/namespaces/${n}/deployments`, {
      accept:
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    });
    assert.equal(table.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
    const t = table.json as Obj;
    assert.equal(t['kind'], 'Table');
    assert.deepEqual(
      t['columnDefinitions'].map((c: Obj) => [c['name'], c['priority']]),
      [
        ['Name', 0],
        ['Ready', 0],
        ['Up-to-date', 0],
        ['Available', 0],
        ['Age', 0],
        ['Containers', 1],
        ['Images', 1],
        ['Selector', 1],
      ],
    );
    assert.deepEqual(t['rows'][0]['cells'].slice(0, 4), ['web', '0/3', 0, 0]);
    assert.deepEqual(t['rows'][0]['cells'].slice(5), ['web', 'nginx:1.27', 'app=web']);
    assert.equal(t['rows'][0]['object']['kind'], 'PartialObjectMetadata');
    const one = await call('GET', `/apis/apps/v1/namespaces/${n}/deployments/web?includeObject=Object`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    assert.equal((one.json as Obj)['rows'][0]['object']['kind'], 'Deployment');
    const partial = await json('GET', `/apis/apps/v1/namespaces/${n}/deployments`, {
      accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
    });
    assert.equal(partial['kind'], 'PartialObjectMetadataList');
    assert.equal(partial['items'][0]['metadata']['name'], 'web');
    const yaml = await call('GET', `/apis/apps/v1/namespaces/${n}/deployments/web`, {
      accept: 'application/yaml',
    });
    assert.match(yaml.text, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  });

  it('reads and writes replicas through /scale and status only through /status', async () => {
    const n = await ns('subresources');
    const d = await json('POST', `/apis/apps/v1/namespaces/${n}/deployments`, { body: deployment('web', 2) });
    const scale = await json('GET', `/apis/apps/v1/namespaces/${n}/deployments/web/scale`);
    assert.deepEqual(
      [scale['apiVersion'], scale['kind'], scale['spec'], scale['status']],
      ['autoscaling/v1', 'Scale', { replicas: 2 }, { replicas: 0, selector: 'app=web' }],
    );
    const patched = await json('PATCH', `/apis/apps/v1/namespaces/${n}/deployments/web/scale`, {
      body: { spec: { replicas: 5 } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(patched['spec']['replicas'], 5);
    const put = await json('PUT', `/apis/apps/v1/namespaces/${n}/deployments/web/scale`, {
      body: { ...patched, spec: { replicas: 4 } },
    });
    assert.equal(put['spec']['replicas'], 4);
    const bad = await call('PUT', `/apis/apps/v1/namespaces/${n}/deployments/web/scale`, {
      body: { ...put, spec: { replicas: -1 } },
    });
    isStatus(bad.json, 422, 'Invalid', /spec.replicas/);
    const after = await json('GET', `/apis/apps/v1/namespaces/${n}/deployments/web`);
    assert.equal(after['spec']['replicas'], 4);
    assert.equal(after['metadata']['generation'], 3);
    const status = await json('PUT', `/apis/apps/v1/namespaces/${n}/deployments/web/status`, {
      body: { ...after, spec: { ...after['spec'], replicas: 1 }, status: { replicas: 4, readyReplicas: 4 } },
    });
    assert.deepEqual(
      [status['spec']['replicas'], status['status']['readyReplicas'], status['metadata']['generation']],
      [4, 4, 3],
    );
    const main = await json('PUT', `/apis/apps/v1/namespaces/${n}/deployments/web`, {
      body: { ...status, status: { replicas: 0 } },
    });
    assert.equal(main['status']['readyReplicas'], 4);
    assert.equal(d['metadata']['uid'], main['metadata']['uid']);
  });

  it('dispatches PATCH by content type: the four patch types, 415 naming them otherwise', async () => {
    const n = await ns('patching');
    const c = await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('c', { a: '1' }) });
    const jp = await json('PATCH', `/api/v1/namespaces/${n}/configmaps/c`, {
      body: [
        { op: 'test', path: '/data/a', value: '1' },
        { op: 'add', path: '/data/b', value: '2' },
      ],
      contentType: 'application/json-patch+json',
    });
    assert.deepEqual(jp['data'], { a: '1', b: '2' });
    const failed = await call('PATCH', `/api/v1/namespaces/${n}/configmaps/c`, {
      body: [{ op: 'test', path: '/data/a', value: 'x' }],
      contentType: 'application/json-patch+json',
    });
    isStatus(failed.json, 422, 'Invalid', /test failed/);
    const smp = await json('PATCH', `/api/v1/namespaces/${n}/configmaps/c`, {
      body: { data: { c: '3' } },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.deepEqual(smp['data'], { a: '1', b: '2', c: '3' });
    const other = await call('PATCH', `/api/v1/namespaces/${n}/configmaps/c`, {
      body: '<data/>',
      contentType: 'application/xml',
    });
    isStatus(
      other.json,
      415,
      'UnsupportedMediaType',
      /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/strategic-merge-patch\+json, application\/apply-patch\+yaml$/,
    );
    const stale = await call('PATCH', `/api/v1/namespaces/${n}/configmaps/c`, {
      body: { metadata: { resourceVersion: c['metadata']['resourceVersion'] }, data: { d: '4' } },
      contentType: 'application/merge-patch+json',
    });
    isStatus(stale.json, 409, 'Conflict', /the object has been modified/);
    const forced = await call('PATCH', `/api/v1/namespaces/${n}/configmaps/c?force=true`, {
      body: {},
      contentType: 'application/merge-patch+json',
    });
    isStatus(
      forced.json,
      422,
      'Invalid',
      /^PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch$/,
    );
  });

  it('runs dryRun=All through every write without storing anything', async () => {
    const n = await ns('dryrun');
    const created = await call('POST', `/api/v1/namespaces/${n}/configmaps?dryRun=All`, { body: cm('x') });
    assert.equal(created.status, 201);
    assert.equal(
      (created.json as Obj)['metadata']['resourceVersion'],
      undefined,
      'a dry-run create has no resourceVersion',
    );
    assert.ok((created.json as Obj)['metadata']['uid']);
    assert.equal((await call('GET', `/api/v1/namespaces/${n}/configmaps/x`)).status, 404);
    const y = await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('y') });
    const w = await openWatch<Obj>(
      cluster,
      `/api/v1/namespaces/${n}/configmaps?watch=true&resourceVersion=${y['metadata']['resourceVersion']}`,
    );
    const patched = await json('PATCH', `/api/v1/namespaces/${n}/configmaps/y?dryRun=All`, {
      body: { data: { z: '1' } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual(patched['data'], { z: '1' }, 'the would-be object comes back');
    await json('PUT', `/api/v1/namespaces/${n}/configmaps/y?dryRun=All`, {
      body: { ...y, data: { q: '2' } },
    });
    await json('DELETE', `/api/v1/namespaces/${n}/configmaps/y?dryRun=All`);
    const stored = await json('GET', `/api/v1/namespaces/${n}/configmaps/y`);
    assert.deepEqual(
      [stored['data'], stored['metadata']['resourceVersion']],
      [{}, y['metadata']['resourceVersion']],
    );
    await assert.rejects(w.next(300), /no watch event/, 'no watch event for a dry run');
    w.close();
    const bad = await call('POST', `/api/v1/namespaces/${n}/configmaps?dryRun=Some`, { body: cm('z') });
    isStatus(bad.json, 400, 'BadRequest', /dryRun/);
  });

  it('keeps finalized objects until their finalizers are gone, and deletes with preconditions', async () => {
    const n = await ns('deleting');
    const held = await json('POST', `/api/v1/namespaces/${n}/configmaps`, {
      body: { ...cm('held'), metadata: { name: 'held', finalizers: ['example.com/x'] } },
    });
    const first = await json('DELETE', `/api/v1/namespaces/${n}/configmaps/held`, {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    });
    assert.ok(first['metadata']['deletionTimestamp']);
    const wrongUid = await call('DELETE', `/api/v1/namespaces/${n}/configmaps/held`, {
      body: { preconditions: { uid: 'nope' } },
    });
    isStatus(wrongUid.json, 409, 'Conflict', /Precondition failed: UID in precondition: nope/);
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/held`, {
      body: { metadata: { finalizers: null } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal((await call('GET', `/api/v1/namespaces/${n}/configmaps/held`)).status, 404);
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('plain') });
    const gone = await json('DELETE', `/api/v1/namespaces/${n}/configmaps/plain`);
    assert.deepEqual([gone['kind'], gone['status'], gone['details']['name']], ['Status', 'Success', 'plain']);
    for (const name of ['x1', 'x2', 'y1'])
      await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm(name, {}, { group: name[0]! }) });
    const removed = await json('DELETE', `/api/v1/namespaces/${n}/configmaps?labelSelector=group%3Dx`);
    assert.deepEqual(
      removed['items'].map((i: Obj) => i['metadata']['name']),
      ['x1', 'x2'],
    );
    assert.deepEqual(
      (await json('GET', `/api/v1/namespaces/${n}/configmaps`))['items'].map(
        (i: Obj) => i['metadata']['name'],
      ),
      ['y1'],
    );
    assert.ok(held['metadata']['uid']);
  });

  it('watches: chunked JSON lines, initial state, resume, selectors, DELETED with a fresh version', async () => {
    const n = await ns('watch');
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('old') });
    const w = await openWatch<Obj>(cluster, `/api/v1/namespaces/${n}/configmaps?watch=true`);
    assert.equal(w.status, 200);
    assert.equal(w.headers['transfer-encoding'], 'chunked');
    assert.equal(w.headers['content-type'], 'application/json');
    const initial = await w.next();
    assert.deepEqual([initial?.type, initial?.object['metadata']['name']], ['ADDED', 'old']);
    const created = await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('new') });
    const added = await w.next();
    assert.deepEqual(
      [added?.type, added?.object['metadata']['resourceVersion']],
      ['ADDED', created['metadata']['resourceVersion']],
    );
    const from = created['metadata']['resourceVersion'];
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/new`, {
      body: { data: { a: 'b' } },
      contentType: 'application/merge-patch+json',
    });
    await json('DELETE', `/api/v1/namespaces/${n}/configmaps/new`);
    const modified = await w.next();
    const deleted = await w.next();
    assert.equal(modified?.type, 'MODIFIED');
    assert.equal(deleted?.type, 'DELETED');
    assert.ok(
      Number(deleted?.object['metadata']['resourceVersion']) >
        Number(modified?.object['metadata']['resourceVersion']),
    );
    w.close();

    const resumed = await openWatch<Obj>(
      cluster,
      `/api/v1/namespaces/${n}/configmaps?watch=true&resourceVersion=${from}`,
    );
    assert.deepEqual(
      [(await resumed.next())?.type, (await resumed.next())?.type],
      ['MODIFIED', 'DELETED'],
      'resume replays exactly what came after',
    );
    resumed.close();

    const selected = await openWatch<Obj>(
      cluster,
      `/api/v1/namespaces/${n}/configmaps?watch=1&labelSelector=app%3Dweb&resourceVersion=${(await json('GET', `/api/v1/namespaces/${n}/configmaps`))['metadata']['resourceVersion']}`,
    );
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('s', {}, { app: 'db' }) });
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/s`, {
      body: { metadata: { labels: { app: 'web' } } },
      contentType: 'application/merge-patch+json',
    });
    await json('PATCH', `/api/v1/namespaces/${n}/configmaps/s`, {
      body: { metadata: { labels: { app: 'db' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual(
      [(await selected.next())?.type, (await selected.next())?.type],
      ['ADDED', 'DELETED'],
      'objects entering and leaving a selector',
    );
    selected.close();
  });

  it('sends bookmarks when asked, ends at timeoutSeconds, and tells an old version it is gone', async () => {
    const small = await startTestCluster(undefined, { watchHistory: 3, bookmarkIntervalMs: 100, tls: false });
    try {
      const rv = (await json2(small, '/api/v1/namespaces/default/configmaps'))['metadata']['resourceVersion'];
      const w = await openWatch<Obj>(
        small,
        `/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=${rv}`,
      );
      const bookmark = await w.next();
      assert.deepEqual(
        [bookmark?.type, bookmark?.object['kind'], bookmark?.object['apiVersion']],
        ['BOOKMARK', 'ConfigMap', 'v1'],
      );
      assert.equal(bookmark?.object['metadata']['resourceVersion'], rv);
      await w.ended;
      for (let i = 0; i < 5; i++)
        await apiRequest(small, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm(`c${i}`) });
      const old = await openWatch<Obj>(
        small,
        `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`,
      );
      assert.equal(old.status, 200, 'never an error status once the watch has started');
      const error = await old.next();
      assert.equal(error?.type, 'ERROR');
      isStatus(error?.object, 410, 'Expired', /too old resource version/);
      await old.ended;
      const initial = await openWatch<Obj>(
        small,
        '/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=',
      );
      const names: string[] = [];
      for (let e = await initial.next(); e && e.type === 'ADDED'; e = await initial.next())
        names.push(e.object['metadata']['name']);
      assert.equal(names.length, 5);
      initial.close();
    } finally {
      await small.close();
    }
  });

  it('streams Tables to kubectl get -w, with columns only in the first event', async () => {
    const n = await ns('tablewatch');
    const w = await openWatch<Obj>(cluster, `/api/v1/namespaces/${n}/configmaps?watch=true`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    assert.equal(w.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('a', { k: 'v' }) });
    await json('POST', `/api/v1/namespaces/${n}/configmaps`, { body: cm('b') });
    const first = (await w.next())!.object;
    const second = (await w.next())!.object;
    assert.equal(first['kind'], 'Table');
    assert.deepEqual(
      first['columnDefinitions'].map((c: Obj) => c['name']),
      ['Name', 'Data', 'Age'],
    );
    assert.deepEqual(first['rows'][0]['cells'].slice(0, 2), ['a', 1]);
    assert.equal(second['columnDefinitions'], null);
    w.close();
  });

  it('serves a CRD as soon as it is created, validates its objects, and deletes them with it', async () => {
    const crd = await json('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: cronTabCrd('http.example.com'),
    });
    const conditions = Object.fromEntries(
      crd['status']['conditions'].map((c: Obj) => [c['type'], c['status']]),
    );
    assert.deepEqual(conditions, { NamesAccepted: 'True', Established: 'True' });
    assert.deepEqual(crd['status']['acceptedNames']['shortNames'], ['ct']);
    assert.deepEqual(crd['metadata']['finalizers'], ['customresourcecleanup.apiextensions.k8s.io']);
    const discovery = await json('GET', '/apis/http.example.com/v1');
    assert.deepEqual(
      discovery['resources'].map((r: Obj) => r['name']),
      ['crontabs', 'crontabs/status', 'crontabs/scale'],
    );
    const n = await ns('crds');
    const ct = await json('POST', `/apis/http.example.com/v1/namespaces/${n}/crontabs`, {
      body: cronTab(n, 'c1', { cronSpec: '* * * * */5', replicas: 1, extra: true }, 'http.example.com/v1'),
    });
    assert.deepEqual(
      ct['spec'],
      { cronSpec: '* * * * */5', replicas: 1, image: 'busybox' },
      'pruned and defaulted',
    );
    assert.equal(ct['metadata']['generation'], 1);
    const strict = await call(
      'POST',
      `/apis/http.example.com/v1/namespaces/${n}/crontabs?fieldValidation=Strict`,
      { body: cronTab(n, 'c2', { cronSpec: '* * * * *', bogus: 1 }, 'http.example.com/v1') },
    );
    isStatus(strict.json, 400, 'BadRequest', /strict decoding error: unknown field "spec.bogus"/);
    const warned = await call('POST', `/apis/http.example.com/v1/namespaces/${n}/crontabs`, {
      body: cronTab(n, 'c3', { cronSpec: '* * * * *', bogus: 1 }, 'http.example.com/v1'),
    });
    assert.equal(warned.status, 201);
    assert.equal(warned.headers['warning'], '299 - "unknown field \\"spec.bogus\\""');
    const invalid = await call('POST', `/apis/http.example.com/v1/namespaces/${n}/crontabs`, {
      body: cronTab(n, 'c4', { cronSpec: 'nope', replicas: 11 }, 'http.example.com/v1'),
    });
    isStatus(
      invalid.json,
      422,
      'Invalid',
      /^CronTab.http.example.com "c4" is invalid: \[spec.cronSpec: Invalid value: "nope": spec.cronSpec in body should match .*, spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\]$/,
    );
    const smp = await call('PATCH', `/apis/http.example.com/v1/namespaces/${n}/crontabs/c1`, {
      body: {},
      contentType: 'application/strategic-merge-patch+json',
    });
    isStatus(
      smp.json,
      415,
      'UnsupportedMediaType',
      /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml$/,
    );
    const scaled = await json('PATCH', `/apis/http.example.com/v1/namespaces/${n}/crontabs/c1/scale`, {
      body: { spec: { replicas: 3 } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(scaled['spec']['replicas'], 3);
    const withStatus = await json('PATCH', `/apis/http.example.com/v1/namespaces/${n}/crontabs/c1/status`, {
      body: { status: { replicas: 3 }, spec: { replicas: 9 } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual(
      [
        withStatus['spec']['replicas'],
        withStatus['status']['replicas'],
        withStatus['metadata']['generation'],
      ],
      [3, 3, 2],
    );
    const byField = await json(
      'GET',
      `/apis/http.example.com/v1/namespaces/${n}/crontabs?fieldSelector=spec.image%3Dbusybox`,
    );
    assert.equal(byField['items'].length, 2);
    await json('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.http.example.com');
    await eventually(
      async () =>
        (
          await call(
            'GET',
            '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.http.example.com',
          )
        ).status === 404,
    );
    assert.equal((await call('GET', '/apis/http.example.com/v1')).status, 404);
    const openapi = await json('GET', '/openapi/v3');
    assert.equal(openapi['paths']['apis/http.example.com/v1'], undefined);
  });

  it('serves several versions of a CRD from one storage version (conversion None)', async () => {
    const v2 = { ...(cronTabCrd('mv.example.com').spec as Obj)['versions'][0], name: 'v2', storage: false };
    const v1beta1 = {
      name: 'v1beta1',
      served: true,
      storage: false,
      schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    };
    await json('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: cronTabCrd('mv.example.com', [v2, v1beta1]),
    });
    const group = await json('GET', '/apis/mv.example.com');
    assert.deepEqual(
      group['versions'].map((v: Obj) => v['version']),
      ['v2', 'v1', 'v1beta1'],
      'GA by priority, then beta',
    );
    assert.equal(group['preferredVersion']['version'], 'v2');
    const n = await ns('multiversion');
    await json('POST', `/apis/mv.example.com/v1beta1/namespaces/${n}/crontabs`, {
      body: cronTab(n, 'x', { cronSpec: '* * * * *', anything: 1 }, 'mv.example.com/v1beta1'),
    });
    const asV1 = await json('GET', `/apis/mv.example.com/v1/namespaces/${n}/crontabs/x`);
    const asV2 = await json('GET', `/apis/mv.example.com/v2/namespaces/${n}/crontabs/x`);
    assert.deepEqual([asV1['apiVersion'], asV2['apiVersion']], ['mv.example.com/v1', 'mv.example.com/v2']);
    assert.equal(asV1['metadata']['resourceVersion'], asV2['metadata']['resourceVersion']);
    const crd = await json(
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.mv.example.com',
    );
    assert.deepEqual(crd['status']['storedVersions'], ['v1']);
  });

  it('converts core Events to events.k8s.io/v1 and back', async () => {
    const n = await ns('events');
    await json('POST', `/apis/events.k8s.io/v1/namespaces/${n}/events`, {
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'e1' },
        eventTime: '2024-01-01T00:00:00.000000Z',
        reportingController: 'example.com/ctl',
        reportingInstance: 'ctl-1',
        action: 'Sync',
        reason: 'Synced',
        type: 'Normal',
        note: 'all good',
        regarding: { kind: 'ConfigMap', name: 'c', namespace: n },
      },
    });
    const core = await json('GET', `/api/v1/namespaces/${n}/events/e1`);
    assert.deepEqual(
      [core['message'], core['involvedObject']['name'], core['reportingComponent']],
      ['all good', 'c', 'example.com/ctl'],
    );
    const byInvolved = await json(
      'GET',
      `/api/v1/namespaces/${n}/events?fieldSelector=involvedObject.name%3Dc,involvedObject.kind%3DConfigMap`,
    );
    assert.equal(byInvolved['items'].length, 1);
  });
});

describe('embedded cluster transports', { concurrency: true }, () => {
  it('serves plain HTTP when asked, still requiring the token', async () => {
    const plain = await startTestCluster(undefined, { tls: false });
    try {
      assert.match(plain.url, /^http:\/\//);
      assert.equal((await apiRequest(plain, 'GET', '/api/v1/namespaces', { token: null })).status, 401);
      assert.equal((await apiRequest(plain, 'GET', '/api/v1/namespaces')).status, 200);
      assert.doesNotMatch(plain.kubeconfig(), /certificate-authority-data/);
    } finally {
      await plain.close();
    }
  });

  it('serves with a given certificate and key', async () => {
    // A certificate made by another cluster's data dir stands in for one the user brings.
    const maker = await startTestCluster(undefined, { tls: 'self-signed' });
    const files = {
      certFile: join(maker.dataDir, 'tls', 'server.crt'),
      keyFile: join(maker.dataDir, 'tls', 'server.key'),
    };
    const own = await startTestCluster(undefined, { tls: files });
    try {
      assert.equal(own.ca, maker.ca);
      assert.equal((await apiRequest(own, 'GET', '/api/v1/namespaces')).status, 200);
      assert.match(own.kubeconfig(), /certificate-authority-data/);
    } finally {
      await own.close();
      await maker.close();
    }
  });
});

async function json2(c: TestCluster, path: string): Promise<Obj> {
  const r = await apiRequest(c, 'GET', path);
  assert.equal(r.status, 200, r.text);
  return r.json as Obj;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
