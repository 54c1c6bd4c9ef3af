// Applying, patching and validating against the embedded cluster as users and controllers do:
// real kubectl (client-side and server-side apply, diff, edit, patch, replace, set image, rollout
// restart, label, annotate, scale) and @kubernetes/client-node's server-side apply, plus the
// exact answers on the wire. Tests run concurrently, each in its own namespace and kubectl HOME.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any --
   these tests read raw Kubernetes objects field by field; typing every body would hide what is checked. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { apiRequest, kubectlUser, openWatch, startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTab, cronTabCrd } from './support/crd-fixtures.ts';

type Obj = Record<string, any>;

let cluster: TestCluster;
before(async () => {
  cluster = await startTestCluster(undefined, { controllers: false });
});
after(() => cluster.close());

/** kubectl as a user of its own, plus `get` as JSON and a namespace of the test's own. */
function user(name: string) {
  const { home, run, ok, fails } = kubectlUser(cluster, name);
  const get = async (what: string, ns: string, extra: string[] = []): Promise<Obj> =>
    JSON.parse(await ok(['get', what, '-n', ns, '-o', 'json', ...extra])) as Obj;
  /** A namespace of this test's own. */
  const namespace = async (ns: string): Promise<string> => {
    await ok(['create', 'namespace', ns]);
    return ns;
  };
  return { home, run, ok, fails, get, namespace };
}

const yaml = (...docs: object[]) => docs.map((d) => stringify(d)).join('---\n');

interface WebOptions {
  labels?: Record<string, string>;
  env?: { name: string; value: string }[];
  image?: string;
  replicas?: number;
  app?: string;
}

const web = (ns: string, o: WebOptions = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: ns, labels: o.labels ?? { app: 'web', tier: 'front' } },
  spec: {
    replicas: o.replicas ?? 2,
    selector: { matchLabels: { app: o.app ?? 'web' } },
    template: {
      metadata: { labels: { app: o.app ?? 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: o.image ?? 'nginx:1.27',
            env: o.env ?? [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
  },
});

/** The second version of `web`: label `tier` and env var `B` dropped, a new image. */
const webV2 = (ns: string) =>
  web(ns, { labels: { app: 'web' }, env: [{ name: 'A', value: '1' }], image: 'nginx:1.28' });

const container = (d: Obj): Obj => d['spec']['template']['spec']['containers'][0];
const managers = (o: Obj): string[] =>
  (o['metadata']['managedFields'] ?? []).map(
    (e: Obj) => `${e['manager']}/${e['operation']}${e['subresource'] ? `/${e['subresource']}` : ''}`,
  );

describe('kubectl apply, diff, edit and patch against the embedded cluster', { concurrency: true }, () => {
  it('client-side apply reports created/unchanged/configured and removes what the manifest dropped', async () => {
    const { ok, run, get, namespace } = user('csa');
    const ns = await namespace('csa');
    assert.match(await ok(['apply', '-f', '-'], yaml(web(ns))), /^deployment\.apps\/web created$/m);
    assert.match(await ok(['apply', '-f', '-'], yaml(web(ns))), /^deployment\.apps\/web unchanged$/m);
    const same = await run(['diff', '-f', '-'], yaml(web(ns)));
    assert.deepEqual([same.code, same.stdout], [0, ''], same.stderr);

    const before = await get('deploy/web', ns);
    const diff = await run(['diff', '-f', '-'], yaml(webV2(ns)));
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^- {4}tier: front$/m);
    assert.match(diff.stdout, /^- {8}- name: B$/m);
    assert.match(diff.stdout, /^\+ {8}image: nginx:1\.28$/m);
    const afterDiff = await get('deploy/web', ns);
    assert.equal(afterDiff['metadata']['resourceVersion'], before['metadata']['resourceVersion']);

    assert.match(await ok(['apply', '-f', '-'], yaml(webV2(ns))), /^deployment\.apps\/web configured$/m);
    const d = await get('deploy/web', ns, ['--show-managed-fields']);
    assert.deepEqual(d['metadata']['labels'], { app: 'web' }, 'the dropped label is gone');
    assert.deepEqual(container(d)['env'], [{ name: 'A', value: '1' }], 'the dropped env var is gone');
    assert.equal(container(d)['image'], 'nginx:1.28');
    assert.doesNotMatch(
      JSON.stringify(d),
      /\$setElementOrder|\$patch|\$retainKeys|\$deleteFromPrimitiveList/,
    );
    // Defaults, as a real server sets them, owned by the Update manager that wrote them.
    assert.equal(container(d)['imagePullPolicy'], 'IfNotPresent');
    assert.equal(d['spec']['strategy']['rollingUpdate']['maxSurge'], '25%');
    assert.deepEqual(managers(d), ['kubectl-client-side-apply/Update']);
    const owned = d['metadata']['managedFields'][0]['fieldsV1'];
    assert.deepEqual(
      owned['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:imagePullPolicy'],
      {},
    );
    // The later apply's three-way patch set the generation moving; diff and no-ops did not.
    assert.equal(d['metadata']['generation'], 2);
  });

  it('server-side apply: no-op, conflict with kubectl scale, --force-conflicts, diff, removal', async () => {
    const { ok, run, fails, get, namespace } = user('ssa');
    const ns = await namespace('ssa');
    assert.match(
      await ok(['apply', '--server-side', '-f', '-'], yaml(web(ns))),
      /^deployment\.apps\/web serverside-applied$/m,
    );
    const first = await get('deploy/web', ns);
    await ok(['apply', '--server-side', '-f', '-'], yaml(web(ns)));
    const again = await get('deploy/web', ns, ['--show-managed-fields']);
    assert.equal(again['metadata']['resourceVersion'], first['metadata']['resourceVersion'], 'a no-op');
    assert.deepEqual(managers(again), ['kubectl/Apply']);

    await ok(['scale', 'deploy/web', '-n', ns, '--replicas=5']);
    const conflict = await fails(['apply', '--server-side', '-f', '-'], yaml(web(ns)));
    assert.match(
      conflict,
      /Apply failed with 1 conflict: conflict with "[^"]+" with subresource "scale" using apps\/v1: \.spec\.replicas/,
    );
    assert.match(conflict, /--force-conflicts/);
    await ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], yaml(web(ns)));
    const forced = await get('deploy/web', ns, ['--show-managed-fields']);
    assert.equal(forced['spec']['replicas'], 2);
    assert.deepEqual(managers(forced), ['kubectl/Apply'], 'the scaler lost its only field, and its entry');

    const diff = await run(['diff', '--server-side', '-f', '-'], yaml(webV2(ns)));
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^- {10}value: "2"$/m);
    assert.match(diff.stdout, /^\+ {8}image: nginx:1\.28$/m);
    await ok(['apply', '--server-side', '-f', '-'], yaml(webV2(ns)));
    const d = await get('deploy/web', ns);
    assert.deepEqual(d['metadata']['labels'], { app: 'web' });
    assert.deepEqual(container(d)['env'], [{ name: 'A', value: '1' }]);
    assert.equal(container(d)['image'], 'nginx:1.28');
  });

  it('switches between client-side and server-side apply without spurious conflicts', async () => {
    const { ok, get, namespace } = user('switch');
    const ns = await namespace('switch');
    await ok(['apply', '-f', '-'], yaml(web(ns)));
    await ok(['apply', '--server-side', '-f', '-'], yaml(web(ns)));
    let d = await get('deploy/web', ns, ['--show-managed-fields']);
    assert.ok(!managers(d).includes('kubectl-client-side-apply/Update'), managers(d).join());
    assert.ok(managers(d).includes('kubectl/Apply'), managers(d).join());
    // kubectl took over what client-side apply owned, so a field it stops sending goes.
    await ok(['apply', '--server-side', '-f', '-'], yaml(webV2(ns)));
    d = await get('deploy/web', ns);
    assert.deepEqual(container(d)['env'], [{ name: 'A', value: '1' }]);
    assert.deepEqual(d['metadata']['labels'], { app: 'web' });
    // And back: the server kept the last-applied annotation in step, so client-side apply works too.
    assert.match(await ok(['apply', '-f', '-'], yaml(web(ns))), /configured/);
    d = await get('deploy/web', ns);
    assert.equal(container(d)['env'].length, 2);
    await ok(['apply', '--server-side', '-f', '-'], yaml(web(ns, { image: 'nginx:1.29' })));
    assert.equal(container(await get('deploy/web', ns))['image'], 'nginx:1.29');
  });

  it('edit, patch of every type, replace, set image, rollout restart, label, annotate and scale', async () => {
    const { ok, get, namespace, home } = user('verbs');
    const ns = await namespace('verbs');
    await ok(['create', '-f', '-'], yaml(web(ns)));
    const replaced = web(ns, {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'C', value: '3' },
      ],
    });
    await ok(['replace', '-f', '-'], yaml(replaced));
    await mkdir(home, { recursive: true });
    const editor = join(home, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/tier: front/tier: edited/" "$1"\n');
    await chmod(editor, 0o755);
    assert.match(
      await ok(['edit', 'deploy/web', '-n', ns], undefined, { EDITOR: editor }),
      /deployment\.apps\/web edited/,
    );
    await ok([
      'patch',
      'deploy/web',
      '-n',
      ns,
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1.36"}]}}}}',
    ]);
    await ok(['patch', 'deploy/web', '-n', ns, '--type=merge', '-p', '{"metadata":{"labels":{"m":"1"}}}']);
    await ok([
      'patch',
      'deploy/web',
      '-n',
      ns,
      '--type=json',
      '-p',
      '[{"op":"add","path":"/metadata/annotations","value":{"j":"2"}}]',
    ]);
    await ok(['set', 'image', 'deploy/web', '-n', ns, 'web=nginx:1.29']);
    await ok(['rollout', 'restart', 'deploy/web', '-n', ns]);
    await ok(['label', 'deploy/web', '-n', ns, 'team=a']);
    await ok(['annotate', 'deploy/web', '-n', ns, 'note=hi']);
    await ok(['scale', 'deploy/web', '-n', ns, '--replicas=4']);

    const d = await get('deploy/web', ns, ['--show-managed-fields']);
    assert.equal(d['spec']['replicas'], 4);
    const containers = d['spec']['template']['spec']['containers'];
    assert.deepEqual(
      containers.map((c: Obj) => [c['name'], c['image']]),
      [
        ['side', 'busybox:1.36'],
        ['web', 'nginx:1.29'],
      ],
    );
    assert.equal(
      containers[0]['terminationMessagePath'],
      '/dev/termination-log',
      'patched items are defaulted',
    );
    assert.deepEqual(d['metadata']['labels'], { app: 'web', tier: 'edited', m: '1', team: 'a' });
    assert.deepEqual(
      containers[1]['env'].map((e: Obj) => e['name']),
      ['A', 'B', 'C'],
    );
    assert.deepEqual(Object.keys(d['metadata']['annotations']).sort(), ['j', 'note']);
    assert.match(
      d['spec']['template']['metadata']['annotations']['kubectl.kubernetes.io/restartedAt'],
      /^20/,
    );
    const seen = managers(d);
    for (const m of [
      'kubectl-create/Update',
      'kubectl-replace/Update',
      'kubectl-edit/Update',
      'kubectl-patch/Update',
      'kubectl-set/Update',
      'kubectl-rollout/Update',
      'kubectl-label/Update',
      'kubectl-annotate/Update',
    ]) {
      assert.ok(seen.includes(m), `${m} in ${seen.join(', ')}`);
    }
    assert.ok(
      seen.some((m) => m.endsWith('/Update/scale')),
      `a scale entry in ${seen.join(', ')}`,
    );
    // Plain -o yaml hides them, as kubectl does.
    assert.doesNotMatch(await ok(['get', 'deploy/web', '-n', ns, '-o', 'yaml']), /managedFields/);
    const shown = parse(
      await ok(['get', 'deploy/web', '-n', ns, '-o', 'yaml', '--show-managed-fields']),
    ) as Obj;
    assert.ok(shown['metadata']['managedFields'].length >= 8);
  });

  it('custom resources: strategic merge patch is 415, merge patch and both applies work', async () => {
    const { ok, run, get, namespace } = user('cr');
    const group = 'apply.example.com';
    await ok(['apply', '-f', '-'], yaml(cronTabCrd(group)));
    await ok(['wait', '--for=condition=Established', `crd/crontabs.${group}`]);
    const ns = await namespace('cr');
    const tab = (spec: Obj) => cronTab(ns, 'c1', spec, `${group}/v1`);
    await ok(['apply', '-f', '-'], yaml(tab({ cronSpec: '* * * * */5', replicas: 1 })));
    const smp = await run(['patch', 'crontab/c1', '-n', ns, '-p', '{"spec":{"replicas":2}}']);
    assert.notEqual(smp.code, 0);
    assert.match(
      smp.stderr,
      /the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/,
    );
    await ok(['patch', 'crontab/c1', '-n', ns, '--type=merge', '-p', '{"spec":{"replicas":3}}']);
    assert.equal((await get('crontab/c1', ns))['spec']['replicas'], 3);
    assert.match(
      await ok(['apply', '-f', '-'], yaml(tab({ cronSpec: '* * * * */5', replicas: 4 }))),
      /configured/,
    );
    await ok(['apply', '--server-side', '-f', '-'], yaml(tab({ cronSpec: '* * * * */5', replicas: 5 })));
    const c = await get('crontab/c1', ns);
    assert.deepEqual(c['spec'], { cronSpec: '* * * * */5', replicas: 5, image: 'busybox' });
  });

  it('validates: unknown fields refused or warned about, required and immutable fields are 422', async () => {
    const { ok, run, fails, get, namespace } = user('validate');
    const ns = await namespace('validate');
    const typo = web(ns) as Obj;
    typo['spec']['foo'] = 'bar';
    assert.match(
      await fails(['create', '-f', '-'], yaml(typo)),
      /Error from server \(BadRequest\): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"/,
    );
    const warned = await run(['apply', '--validate=warn', '-f', '-'], yaml(typo));
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /Warning: unknown field "spec.foo"/);
    assert.equal((await get('deploy/web', ns))['spec']['foo'], undefined, 'unknown fields are dropped');
    assert.match(
      await fails(['apply', '--server-side', '-f', '-'], yaml(typo)),
      /failed to create typed patch object \(validate\/web; apps\/v1, Kind=Deployment\): \.spec\.foo: field not declared in schema/,
    );
    // Values of the wrong type are refused by the decoder, before anything is stored.
    const nested = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'nested', namespace: ns },
      data: { a: { b: 'c' } },
    };
    assert.match(
      await fails(['apply', '-f', '-'], yaml(nested)),
      /Error from server \(BadRequest\): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ConfigMap\.data of type string/,
    );
    assert.match(
      await fails(['patch', 'deploy/web', '-n', ns, '-p', '{"spec":{"replicas":"3"}}']),
      /cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32/,
    );
    assert.equal((await run(['get', 'configmap/nested', '-n', ns])).code, 1, 'nothing was stored');

    const moved = web(ns, { app: 'other' });
    assert.match(
      await fails(['apply', '-f', '-'], yaml(moved)),
      /The Deployment "web" is invalid: spec\.selector: Invalid value: .*: field is immutable/,
    );
    const noSelector = web(ns) as Obj;
    noSelector['metadata']['name'] = 'headless';
    delete noSelector['spec']['selector'];
    assert.match(
      await fails(['create', '-f', '-'], yaml(noSelector)),
      /The Deployment "headless" is invalid: spec\.selector: Required value/,
    );
    const badName = web(ns) as Obj;
    badName['metadata']['name'] = 'Web_1';
    assert.match(await fails(['create', '-f', '-'], yaml(badName)), /metadata\.name: Invalid value: "Web_1"/);
    await ok(['delete', 'deploy/web', '-n', ns]);
  });

  it('a realistic application of every common kind is accepted, and re-applying it changes nothing', async () => {
    const { ok, get, namespace } = user('realistic');
    const ns = await namespace('realistic');
    const manifests = await readFile(join(import.meta.dirname, 'fixtures', 'app.yaml'), 'utf8');
    const created = await ok(['apply', '-n', ns, '-f', '-'], manifests);
    assert.equal(created.trim().split('\n').length, 19);
    assert.doesNotMatch(created, /unchanged|configured/);
    const secret = await get('secret/app-secret', ns);
    assert.deepEqual([secret['data'], secret['stringData']], [{ password: 'czNjcmV0' }, undefined]);
    const versions = async () =>
      ok([
        'get',
        'all,cm,secret,sa,role,rolebinding,pdb,netpol,ingress,hpa,pvc',
        '-n',
        ns,
        '-o',
        'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}',
      ]);
    const before = await versions();
    const again = await ok(['apply', '-n', ns, '-f', '-'], manifests);
    // kubectl always sends a Secret's write-only stringData, a PDB's selector (replace strategy)
    // and lists that the server's defaults extend (NetworkPolicy ports, claim templates):
    // "configured", as on a real cluster, yet nothing changes.
    assert.deepEqual(
      again
        .trim()
        .split('\n')
        .filter((l) => !l.endsWith(' unchanged')),
      [
        'secret/app-secret configured',
        'poddisruptionbudget.policy/app configured',
        'networkpolicy.networking.k8s.io/app configured',
        'statefulset.apps/db configured',
      ],
    );
    assert.equal(await versions(), before);
    await ok(['apply', '--server-side', '--force-conflicts', '-n', ns, '-f', '-'], manifests);
    const owned = await versions();
    await ok(['apply', '--server-side', '-n', ns, '-f', '-'], manifests);
    assert.equal(await versions(), owned, 'a server-side re-apply is a no-op for every kind');
  });

  it('Services get distinct cluster IPs from 10.96.0.0/12 that replace keeps and nobody can change', async () => {
    const { ok, fails, get, namespace } = user('services');
    const ns = await namespace('services');
    const svc = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    await ok(['apply', '-f', '-'], yaml(svc('a'), svc('b')));
    const a = await get('svc/a', ns);
    const b = await get('svc/b', ns);
    for (const s of [a, b]) {
      const [first, second] = String(s['spec']['clusterIP']).split('.').map(Number);
      assert.ok(first === 10 && second! >= 96 && second! < 112, s['spec']['clusterIP']);
      assert.deepEqual(s['spec']['clusterIPs'], [s['spec']['clusterIP']]);
      assert.deepEqual(
        [
          s['spec']['type'],
          s['spec']['sessionAffinity'],
          s['spec']['ipFamilies'],
          s['spec']['ports'][0]['protocol'],
        ],
        ['ClusterIP', 'None', ['IPv4'], 'TCP'],
      );
    }
    assert.notEqual(a['spec']['clusterIP'], b['spec']['clusterIP']);
    await ok(['replace', '-f', '-'], yaml(svc('a')));
    assert.equal((await get('svc/a', ns))['spec']['clusterIP'], a['spec']['clusterIP']);
    assert.match(
      await fails(['patch', 'svc/a', '-n', ns, '-p', JSON.stringify({ spec: { clusterIP: '10.96.0.99' } })]),
      /spec\.clusterIPs?\[?0?\]?: Invalid value: .*field is immutable/,
    );
    const taken = { ...svc('c'), spec: { ...svc('c').spec, clusterIP: a['spec']['clusterIP'] } };
    assert.match(await fails(['create', '-f', '-'], yaml(taken)), /provided IP is already allocated/);
  });
});

describe('server-side apply and patches over HTTP', { concurrency: true }, () => {
  const call = (method: string, path: string, options?: Parameters<typeof apiRequest>[3]) =>
    apiRequest(cluster, method, path, options);
  const ns = async (name: string) => {
    const r = await call('POST', '/api/v1/namespaces', { body: { metadata: { name } } });
    assert.equal(r.status, 201, r.text);
    return name;
  };
  const objects = () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(cluster.kubeconfig());
    return k8s.KubernetesObjectApi.makeApiClient(kc);
  };
  const apply = (api: k8s.KubernetesObjectApi, obj: Obj, manager: string, dryRun?: 'All', force = false) =>
    api.patch(obj, undefined, dryRun, manager, force, k8s.PatchStrategy.ServerSideApply);

  it('client-node applies: create, no-op without an event, dry runs, conflicts and force', async () => {
    const n = await ns('client-ssa');
    const api = objects();
    const created = await apply(api, web(n), 'capstan');
    const rv = created.metadata!.resourceVersion!;
    assert.deepEqual(managers(created), ['capstan/Apply']);
    assert.equal(created['spec']['revisionHistoryLimit'], 10, 'defaulted');
    const watch = await openWatch(
      cluster,
      `/apis/apps/v1/namespaces/${n}/deployments?watch=true&resourceVersion=${rv}`,
    );
    const same = await apply(api, web(n), 'capstan');
    assert.equal(same.metadata!.resourceVersion, rv, 'an apply that changes nothing is a no-op');
    await assert.rejects(watch.next(300), /no watch event/);
    watch.close();

    const dryNew = await apply(
      api,
      { ...web(n), metadata: { name: 'later', namespace: n } },
      'capstan',
      'All',
    );
    assert.equal(dryNew.metadata!.resourceVersion, undefined, 'a dry-run create has no resourceVersion');
    assert.deepEqual(managers(dryNew), ['capstan/Apply']);
    assert.equal((await call('GET', `/apis/apps/v1/namespaces/${n}/deployments/later`)).status, 404);
    const dryChange = await apply(api, web(n, { replicas: 7 }), 'capstan', 'All');
    assert.equal(dryChange['spec']['replicas'], 7);
    const stored = await api.read<Obj>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: n },
    });
    assert.deepEqual([stored['spec']['replicas'], stored['metadata']['resourceVersion']], [2, rv]);

    const path = `/apis/apps/v1/namespaces/${n}/deployments/web?fieldManager=other`;
    const replicas5 = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 5 },
    };
    const conflict = await call('PATCH', path, {
      body: replicas5,
      contentType: 'application/apply-patch+yaml',
    });
    assert.equal(conflict.status, 409);
    assert.deepEqual(conflict.json, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "capstan": .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          { reason: 'FieldManagerConflict', message: 'conflict with "capstan"', field: '.spec.replicas' },
        ],
      },
      code: 409,
    });
    await assert.rejects(
      apply(api, { ...replicas5, metadata: { name: 'web', namespace: n } }, 'other'),
      (err: unknown) => err instanceof k8s.ApiException && err.code === 409,
    );
    const forced = await apply(
      api,
      { ...replicas5, metadata: { name: 'web', namespace: n } },
      'other',
      undefined,
      true,
    );
    assert.equal(forced['spec']['replicas'], 5);
    assert.deepEqual(managers(forced), ['capstan/Apply', 'other/Apply']);
    // capstan lost spec.replicas, so dropping it from capstan's configuration leaves it alone.
    const withoutReplicas = web(n) as Obj;
    delete withoutReplicas['spec']['replicas'];
    assert.equal((await apply(api, withoutReplicas, 'capstan'))['spec']['replicas'], 5);

    const noManager = await call('PATCH', `/apis/apps/v1/namespaces/${n}/deployments/web`, {
      body: web(n),
      contentType: 'application/apply-patch+yaml',
    });
    assert.equal(noManager.status, 422);
    assert.equal(
      (noManager.json as Obj)['message'],
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });

  it('patch bodies: resourceVersion preconditions, directives never stored, managedFields replaced', async () => {
    const n = await ns('http-patch');
    const base = `/apis/apps/v1/namespaces/${n}/deployments`;
    const created = await call('POST', `${base}?fieldManager=kubectl-client-side-apply`, { body: web(n) });
    assert.equal(created.status, 201, created.text);
    const rv = (created.json as Obj)['metadata']['resourceVersion'];
    const smp = 'application/strategic-merge-patch+json';
    const stale = await call('PATCH', `${base}/web`, {
      body: { metadata: { resourceVersion: '1' }, spec: { replicas: 3 } },
      contentType: smp,
    });
    assert.equal(stale.status, 409);
    assert.match((stale.json as Obj)['message'], /the object has been modified/);
    const patched = await call('PATCH', `${base}/web?fieldManager=p`, {
      body: {
        metadata: { resourceVersion: rv, labels: { patched: 'yes' } },
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'web' }],
              containers: [{ name: 'web', env: [{ name: 'B', $patch: 'delete' }] }],
            },
          },
        },
      },
      contentType: smp,
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(container(patched.json as Obj)['env'], [{ name: 'A', value: '1' }]);
    assert.doesNotMatch(patched.text, /\$setElementOrder|\$patch/);

    // kubectl's move to server-side apply: managedFields replaced, guarded by resourceVersion.
    const current = patched.json as Obj;
    const moved = current['metadata']['managedFields'].map((e: Obj) =>
      e['manager'] === 'kubectl-client-side-apply' ? { ...e, manager: 'kubectl', operation: 'Apply' } : e,
    );
    const jsonPatch = (resourceVersion: string) => [
      { op: 'replace', path: '/metadata/managedFields', value: moved },
      { op: 'replace', path: '/metadata/resourceVersion', value: resourceVersion },
    ];
    const jp = 'application/json-patch+json';
    assert.equal((await call('PATCH', `${base}/web`, { body: jsonPatch(rv), contentType: jp })).status, 409);
    const migrated = await call('PATCH', `${base}/web?fieldManager=kubectl`, {
      body: jsonPatch(current['metadata']['resourceVersion']),
      contentType: jp,
    });
    assert.equal(migrated.status, 200, migrated.text);
    assert.deepEqual(managers(migrated.json as Obj), ['kubectl/Apply', 'p/Update']);
  });

  it('fieldValidation: Strict refuses, Warn sends Warning headers, for bodies, patches and applies', async () => {
    const n = await ns('http-strict');
    const base = `/apis/apps/v1/namespaces/${n}/deployments`;
    const typo = web(n) as Obj;
    typo['spec']['foo'] = 'bar';
    const strict = await call('POST', `${base}?fieldValidation=Strict`, { body: typo });
    assert.equal(strict.status, 400, strict.text);
    assert.equal(
      (strict.json as Obj)['message'],
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"',
    );
    const warn = await call('POST', `${base}?fieldValidation=Warn`, { body: typo });
    assert.equal(warn.status, 201);
    assert.equal(warn.headers['warning'], '299 - "unknown field \\"spec.foo\\""');
    assert.equal((warn.json as Obj)['spec']['foo'], undefined);
    const ignored = await call('PATCH', `${base}/web?fieldValidation=Ignore`, {
      body: { spec: { bar: 1 } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual([ignored.status, ignored.headers['warning']], [200, undefined]);

    const duplicate = await call('PATCH', `${base}/web?fieldValidation=Strict`, {
      body: '{"metadata":{"labels":{"x":"1","x":"2"}},"spec":{"baz":true}}',
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.equal(duplicate.status, 400, duplicate.text);
    assert.equal(
      (duplicate.json as Obj)['message'],
      'strict decoding error: duplicate field "metadata.labels.x", unknown field "spec.baz"',
    );
    const applied = await call('PATCH', `${base}/web?fieldManager=m&force=true&fieldValidation=Strict`, {
      body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  replicas: 4\n',
      contentType: 'application/apply-patch+yaml',
    });
    assert.equal(applied.status, 400, applied.text);
    assert.equal(
      (applied.json as Obj)['message'],
      'error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "replicas" already set in map',
    );
  });
});
