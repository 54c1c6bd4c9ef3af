// The API server over a real embedded cluster (startCapstan without the demo): Applications and
// Flux objects written with the Kubernetes API show up in lists, items and streams, filtered on
// the server and by RBAC from argocd-rbac-cm; sync and Flux verbs are writes to the objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCapstan, type RunningCapstan } from '../src/app/index.ts';
import { hashPassword } from '../src/server/index.ts';
import { createLogger } from '../src/core/index.ts';
import { eventually } from './support/up-process.ts';

const app = (name: string, project: string, labels: Record<string, string>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', labels },
  spec: {
    project,
    source: { repoURL: 'https://example.invalid/repo.git', path: name, targetRevision: 'HEAD' },
    destination: { server: 'https://kubernetes.default.svc', namespace: name },
  },
});

/** A value deep in a JSON body. */
function pick(json: unknown, path: string[]): unknown {
  let v = json;
  for (const k of path) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

async function call(
  c: RunningCapstan,
  path: string,
  init: { token?: string; method?: string; body?: unknown } = {},
) {
  const res = await fetch(`${c.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('applications and Flux objects over the cluster: filters, paging, RBAC, sync, streams, Flux verbs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-server-'));
  const signal = AbortSignal.timeout(170_000);
  const c = await startCapstan({
    signal,
    dataDir: dir,
    port: 0,
    demo: false,
    storeCliContext: false,
    uiDir: undefined,
    ...(process.env['DEBUG_CAPSTAN'] ? { logger: createLogger({ level: 'debug' }) } : {}),
  });
  try {
    const s = { signal };
    await c.client.create(app('web', 'default', { env: 'prod' }), s);
    await c.client.create(app('api', 'team', { env: 'dev' }), s);
    await c.client.create(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'team', namespace: 'argocd' },
        spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
      },
      s,
    );
    // alice: a local account allowed to read and sync the team project only.
    await c.client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' },
      { type: 'merge', body: { data: { 'accounts.alice': 'login' } } },
      s,
    );
    await c.client.patch(
      { apiVersion: 'v1', kind: 'Secret', namespace: 'argocd', name: 'argocd-secret' },
      {
        type: 'merge',
        body: {
          data: { 'accounts.alice.password': Buffer.from(await hashPassword('alice-pw')).toString('base64') },
        },
      },
      s,
    );
    await c.client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-rbac-cm' },
      {
        type: 'merge',
        body: {
          data: {
            'policy.csv':
              'p, alice, applications, get, team/*, allow\np, alice, applications, sync, team/*, allow\n',
          },
        },
      },
      s,
    );
    const login = async (username: string, password: string) =>
      eventually(`${username} logs in`, async () => {
        const r = await call(c, '/api/v1/session', { method: 'POST', body: { username, password } });
        return r.status === 200 ? (r.json['token'] as string) : undefined;
      });
    const admin = await login('admin', (await readFile(c.adminPasswordPath, 'utf8')).trim());
    const alice = await login('alice', 'alice-pw');

    assert.equal((await call(c, '/api/v1/applications')).status, 401);
    const names = (r: { json: Record<string, unknown> }) =>
      (r.json['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    await eventually('both apps listed', async () =>
      names(await call(c, '/api/v1/applications', { token: admin })).length === 2 ? true : undefined,
    );
    assert.deepEqual(names(await call(c, '/api/v1/applications', { token: admin })), ['api', 'web']);
    assert.deepEqual(names(await call(c, '/api/v1/applications?selector=env%3Dprod', { token: admin })), [
      'web',
    ]);
    assert.deepEqual(names(await call(c, '/api/v1/applications?projects=team', { token: admin })), ['api']);
    assert.deepEqual(names(await call(c, '/api/v1/applications?search=WE', { token: admin })), ['web']);
    assert.equal((await call(c, '/api/v1/applications?health=Sick', { token: admin })).status, 400);
    assert.equal((await call(c, '/api/v1/applications?selector=%3D%3D', { token: admin })).status, 400);
    const page1 = await call(c, '/api/v1/applications?limit=1', { token: admin });
    assert.deepEqual(names(page1), ['api']);
    assert.equal(pick(page1.json, ['metadata', 'remainingItemCount']), 1);
    const page2 = await call(
      c,
      `/api/v1/applications?limit=1&continue=${String(pick(page1.json, ['metadata', 'continue']))}`,
      {
        token: admin,
      },
    );
    assert.deepEqual(names(page2), ['web']);
    assert.equal(pick(page2.json, ['metadata', 'continue']), undefined);
    assert.equal(
      pick((await call(c, '/api/v1/applications/web', { token: admin })).json, ['metadata', 'managedFields']),
      undefined,
    );

    // alice sees her project only; an app she may not read looks like a missing one.
    await eventually('the policy applies', async () =>
      names(await call(c, '/api/v1/applications', { token: alice })).join() === 'api' ? true : undefined,
    );
    assert.equal((await call(c, '/api/v1/applications/web', { token: alice })).status, 403);
    assert.equal((await call(c, '/api/v1/applications/nope', { token: alice })).status, 403);
    assert.equal((await call(c, '/api/v1/applications/nope?project=team', { token: alice })).status, 404);

    // A stream as alice: the initial ADDED for api only, then its changes, never web's.
    const res = await fetch(`${c.url}/api/v1/stream/applications`, {
      headers: { authorization: `Bearer ${alice}` },
      signal,
    });
    assert.equal(res.status, 200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += (await reader.read()).value ?? '';
    };
    await until(/"type":"ADDED","application":\{[^\n]*"name":"api"/);

    // Sync: alice may; the operation carries her name; a second one is refused while it waits.
    const synced = await call(c, '/api/v1/applications/api/sync', {
      token: alice,
      method: 'POST',
      body: { prune: true, syncOptions: { items: ['ServerSideApply=true'] } },
    });
    assert.equal(synced.status, 200, JSON.stringify(synced.json));
    assert.deepEqual(pick(synced.json, ['operation', 'initiatedBy']), { username: 'alice' });
    assert.equal(pick(synced.json, ['operation', 'sync', 'prune']), true);
    const stored = await c.client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'api' },
      s,
    );
    assert.ok(stored?.['operation'], 'the operation is written to the Application');
    const bad = await call(c, '/api/v1/applications/web/sync', {
      token: admin,
      method: 'POST',
      body: { syncOptions: { items: ['Bogus=true'] } },
    });
    assert.equal(bad.status, 400);
    const denied = await call(c, '/api/v1/applications/api', { token: alice, method: 'DELETE' });
    assert.equal(denied.status, 403);
    assert.equal(denied.json['message'], 'permission denied: applications, delete, team/api, sub: alice');
    await until(/"type":"MODIFIED","application":\{[^\n]*"initiatedBy":\{"username":"alice"\}/);
    await c.client.patch(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'web' },
      { type: 'merge', body: { metadata: { labels: { touched: 'yes' } } } },
      s,
    );
    const refreshed = await call(c, '/api/v1/applications/api?refresh=hard', { token: alice });
    assert.equal(pick(refreshed.json, ['metadata', 'annotations', 'argocd.argoproj.io/refresh']), 'hard');
    await until(/"argocd.argoproj.io\/refresh":"hard"/);
    assert.doesNotMatch(text, /"name":"web"/, 'alice never sees web');

    // Delete with cascade: Argo's finalizer is set, then the object goes.
    assert.equal((await call(c, '/api/v1/applications/web', { token: admin, method: 'DELETE' })).status, 200);
    await eventually('web deleted or finalizing', async () => {
      const w = await c.client.get(
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'web' },
        s,
      );
      return !w ||
        (w.metadata.deletionTimestamp &&
          w.metadata.finalizers?.includes('resources-finalizer.argocd.argoproj.io'))
        ? true
        : undefined;
    });
    await reader.cancel();

    // Flux: suspend, reconcile refused while suspended, resume requests a reconcile.
    await c.client.create(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'podinfo', namespace: 'flux-system' },
        spec: { url: 'https://example.invalid/podinfo.git', interval: '10m', ref: { branch: 'main' } },
      },
      s,
    );
    await eventually('the GitRepository listed', async () =>
      names(await call(c, '/api/v1/flux/gitrepositories', { token: admin })).includes('podinfo')
        ? true
        : undefined,
    );
    assert.deepEqual(
      names(await call(c, '/api/v1/flux/gitrepositories', { token: alice })),
      [],
      'alice may not get Flux objects',
    );
    assert.equal(
      (await call(c, '/api/v1/flux/gitrepositories/flux-system/podinfo', { token: alice })).status,
      403,
    );
    const base = '/api/v1/flux/gitrepositories/flux-system/podinfo';
    const suspended = await call(c, `${base}/suspend`, { token: admin, method: 'POST' });
    assert.equal(pick(suspended.json, ['spec', 'suspend']), true);
    await eventually('suspended in the cache', async () =>
      names(await call(c, '/api/v1/flux/gitrepositories?health=Suspended', { token: admin })).includes(
        'podinfo',
      )
        ? true
        : undefined,
    );
    const refused = await call(c, `${base}/reconcile`, { token: admin, method: 'POST' });
    assert.equal(refused.status, 400);
    assert.match(
      String(refused.json['message']),
      /^GitRepository\/flux-system\/podinfo: cannot reconcile a suspended object/,
    );
    const resumed = await call(c, `${base}/resume`, { token: admin, method: 'POST' });
    assert.equal(pick(resumed.json, ['spec', 'suspend']), false);
    assert.ok(pick(resumed.json, ['metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt']));
    assert.equal((await call(c, '/api/v1/flux/helmcharts', { token: admin })).status, 404);

    const metrics = await fetch(`${c.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /argocd_login_request_total/);
    assert.equal((await call(c, '/api/v1/settings')).json['fluxEnabled'], true);
  } finally {
    await c.close();
    await rm(dir, { recursive: true, force: true });
  }
});
