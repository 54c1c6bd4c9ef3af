// `capstan up` end to end, as a newcomer meets it: the real binary on a free port and a fresh
// data dir, anonymous calls refused, the admin password from the data dir logging in, the demo
// reconciled by the controllers, a `kubectl scale` put back, and a restart resuming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, upProcess } from './support/up-process.ts';

const run = promisify(execFile);

interface Listed {
  items: { metadata: { name: string; namespace: string }; status?: Record<string, unknown> }[];
}

test('capstan up: demo reconciled, 401 anonymous, admin login, drift reverted, restart resumes', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-up-'));
  const dataDir = join(home, 'data');
  let up = await upProcess(['--port', '0', '--data-dir', dataDir], home);
  try {
    assert.match(up.output(), /admin-password/);
    const anonymous = await fetch(`${up.url}/api/v1/applications`);
    assert.equal(anonymous.status, 401);

    const password = (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
    assert.equal((await stat(join(dataDir, 'admin-password'))).mode & 0o077, 0, 'password file is private');
    const login = async (url: string) => {
      const res = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { token: string }).token;
    };
    const token = await login(up.url);
    const wrong = await fetch(`${up.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'not-it' }),
    });
    assert.equal(wrong.status, 401);

    const kubectl = async (...args: string[]) =>
      (
        await run('kubectl', ['--kubeconfig', join(dataDir, 'kubeconfig'), ...args], {
          env: { ...process.env, HOME: home },
        })
      ).stdout;
    const initial = JSON.parse(
      await kubectl('get', 'secret', '-n', 'argocd', 'argocd-initial-admin-secret', '-o', 'json'),
    ) as { data: { password: string } };
    assert.equal(Buffer.from(initial.data.password, 'base64').toString(), password);

    const get = async <T>(path: string, url = up.url, t = token) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal(res.status, 200, `${path}: ${res.status}`);
      return (await res.json()) as T;
    };
    const ready = (o: Listed['items'][number] | undefined) =>
      (o?.status?.['conditions'] as { type: string; status: string }[] | undefined)?.some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
    await eventually('the demo Kustomization Ready', async () => {
      const list = await get<Listed>('/api/v1/flux/kustomizations?health=Healthy');
      return ready(list.items.find((k) => k.metadata.name === 'demo')) ? true : undefined;
    });
    await eventually('the demo Application Synced and Healthy', async () => {
      const list = await get<Listed>('/api/v1/applications?sync=Synced&health=Healthy');
      return list.items.some((a) => a.metadata.name === 'demo') ? true : undefined;
    });
    const tree = await get<{ nodes: { kind: string }[] }>('/api/v1/applications/demo/resource-tree');
    for (const kind of ['Deployment', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap'])
      assert.ok(
        tree.nodes.some((n) => n.kind === kind),
        `${kind} in the tree`,
      );
    const managed = await get<{ items: { kind: string; liveState: string }[] }>(
      '/api/v1/applications/demo/managed-resources',
    );
    assert.ok(managed.items.some((r) => r.kind === 'Deployment' && r.liveState.includes('"replicas":2')));
    const sources = await get<Listed>('/api/v1/flux/gitrepositories');
    assert.ok(ready(sources.items.find((s) => s.metadata.name === 'demo')));

    const fluxTree = await get<{ nodes: { kind: string }[] }>(
      '/api/v1/flux/kustomizations/flux-system/demo/resource-tree',
    );
    for (const kind of ['Deployment', 'ReplicaSet', 'Pod', 'Service'])
      assert.ok(
        fluxTree.nodes.some((n) => n.kind === kind),
        `${kind} in the Kustomization's tree`,
      );
    // The application's tree as a stream: the current tree, then again when the cluster changes.
    const treeStream = await fetch(`${up.url}/api/v1/stream/applications/demo/resource-tree`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(treeStream.status, 200);
    const reader = treeStream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamed = '';
    const messages = () => streamed.split('\n\n').filter((m) => m.startsWith('data: '));
    while (messages().length < 1) streamed += (await reader.read()).value ?? '';
    assert.match(messages()[0]!, /"kind":"Deployment"/);

    // Drift: a manual scale is put back, by Argo CD's self-heal and by Flux's drift correction.
    for (const ns of ['demo', 'demo-flux']) {
      await kubectl('scale', 'deploy/web', '-n', ns, '--replicas=5');
      await eventually(`the scale in ${ns} reverted`, async () => {
        const replicas = (
          await kubectl('get', 'deploy/web', '-n', ns, '-o', 'jsonpath={.spec.replicas}')
        ).trim();
        return replicas === '2' ? true : undefined;
      });
    }

    while (messages().length < 2) streamed += (await reader.read()).value ?? '';
    assert.match(messages()[1]!, /"result":\{"nodes":\[/);
    await reader.cancel();

    // The stored CLI context names this server with a working session.
    const config = JSON.parse(await readFile(join(home, '.config', 'capstan', 'config.json'), 'utf8')) as {
      currentContext: string;
      contexts: Record<string, { server: string; token: string }>;
    };
    const context = config.contexts[config.currentContext]!;
    assert.equal(context.server, up.url);
    await get('/api/v1/session/userinfo', up.url, context.token);

    // Logout revokes the token, and the revocation is kept in the cluster across a restart.
    const revokedToken = await login(up.url);
    const logout = await fetch(`${up.url}/api/v1/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${revokedToken}` },
    });
    assert.equal(logout.status, 200);
    assert.equal(
      (await fetch(`${up.url}/api/v1/applications`, { headers: { authorization: `Bearer ${revokedToken}` } }))
        .status,
      401,
    );

    assert.equal((await up.stop()).code, 0);
    up = await upProcess(['--port', '0', '--data-dir', dataDir], home);
    // Same password, same objects: the Kustomization is still there and Ready again.
    const again = await login(up.url);
    const afterRestart = await fetch(`${up.url}/api/v1/applications`, {
      headers: { authorization: `Bearer ${revokedToken}` },
    });
    assert.equal(afterRestart.status, 401, 'a revoked token stays revoked after a restart');
    assert.equal(
      (await fetch(`${up.url}/api/v1/applications`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
      200,
    );
    await eventually('the demo Kustomization Ready after restart', async () => {
      const list = await get<Listed>('/api/v1/flux/kustomizations', up.url, again);
      return ready(list.items.find((k) => k.metadata.name === 'demo')) ? true : undefined;
    });
    await eventually('the demo Application Synced and Healthy after restart', async () => {
      const list = await get<Listed>('/api/v1/applications?sync=Synced&health=Healthy', up.url, again);
      return list.items.some((a) => a.metadata.name === 'demo') ? true : undefined;
    });
  } finally {
    await up.stop();
    await rm(home, { recursive: true, force: true });
  }
});
