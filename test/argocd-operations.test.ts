// Argo CD operations and projects end to end: manual sync through `.operation` as the CLI writes
// it, the refresh annotation, history and rollback, AppProject violations and sync windows that
// block sync, deletion with and without the resources finalizer, and terminating a running sync
// (one waiting on a wave, one on a PreSync hook Job that never finishes).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  application,
  configMapYaml,
  deploymentYaml,
  IN_CLUSTER,
  startArgoEnv,
  type ArgoEnv,
} from './support/argocd.ts';
import { eventually } from './support/workloads.ts';
import type { Application } from '../src/controllers/argocd/index.ts';

let env: ArgoEnv;
before(async () => {
  env = await startArgoEnv({ gitPollIntervalMs: 0, applicationNamespaces: ['apps-*'] });
});
after(async () => {
  await env?.close();
});

const signal = () => AbortSignal.timeout(10_000);
const appKey = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  namespace: 'argocd',
  name,
});

async function configMapData(ns: string, name: string): Promise<Record<string, string> | undefined> {
  const cm = await env.client.get(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name },
    { signal: signal() },
  );
  return (cm as { data?: Record<string, string> } | undefined)?.data;
}

async function patchApp(name: string, body: Record<string, unknown>): Promise<void> {
  await env.client.patch(appKey(name), { type: 'merge', body }, { signal: signal() });
}

describe('operations and projects', { concurrency: true }, () => {
  it('syncs through .operation, refreshes on the annotation, records history and rolls back', async () => {
    const repo = env.repo('manual');
    const v1 = repo.commit({ 'k/cm.yaml': configMapYaml('cfg', { v: '1' }) });
    await env.apply(
      application('manual', {
        source: { repoURL: env.git.url('manual'), path: 'k', targetRevision: 'main' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
      }),
    );
    let app = await env.waitApp('manual', (a) => a.status?.sync?.status === 'OutOfSync');
    assert.equal(app.status?.sync?.revision, v1);
    assert.equal(app.status?.health?.status, 'Missing');
    assert.equal(await configMapData('default', 'cfg'), undefined);

    // `argocd app sync manual`
    await patchApp('manual', {
      operation: { sync: { revision: 'main', prune: true }, initiatedBy: { username: 'admin' } },
    });
    app = await env.waitApp('manual', (a) => !a.operation && a.status?.sync?.status === 'Synced');
    assert.equal(app.status?.operationState?.phase, 'Succeeded');
    assert.equal(app.status?.operationState?.syncResult?.revision, v1);
    assert.deepEqual(app.status?.history?.[0]?.initiatedBy, { username: 'admin' });
    assert.deepEqual(await configMapData('default', 'cfg'), { v: '1' });
    // An Event on the Application, as Argo CD's controller records it.
    const events = await env.waitFor(async () => {
      const list = await env.client.list(
        { group: '', version: 'v1', kind: 'Event' },
        { signal: signal(), namespace: 'argocd' },
      );
      const found = list.items.filter(
        (e) =>
          (e as { involvedObject?: { name?: string } }).involvedObject?.name === 'manual' &&
          (e as { reason?: string }).reason === 'OperationCompleted',
      );
      return found.length > 0 ? found : undefined;
    }, 'OperationCompleted event');
    assert.equal((events[0] as { message?: string }).message, `Sync operation to ${v1} succeeded`);

    // A new commit shows after `argocd app get --refresh` (Git polling is off in this file).
    const v2 = repo.commit({ 'k/cm.yaml': configMapYaml('cfg', { v: '2' }) });
    await patchApp('manual', { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    app = await env.waitApp('manual', (a) => a.status?.sync?.revision === v2);
    assert.equal(app.status?.sync?.status, 'OutOfSync');
    assert.equal(app.metadata.annotations?.['argocd.argoproj.io/refresh'], undefined);
    await patchApp('manual', { operation: { sync: { revision: v2 }, initiatedBy: { username: 'admin' } } });
    app = await env.waitApp('manual', (a) => !a.operation && a.status?.history?.length === 2);
    assert.deepEqual(await configMapData('default', 'cfg'), { v: '2' });

    // `argocd app rollback manual 0`: the history entry's revision and source.
    const first = app.status!.history[0];
    await patchApp('manual', {
      operation: {
        sync: { revision: first.revision, source: first.source },
        initiatedBy: { username: 'admin' },
      },
    });
    app = await env.waitApp('manual', (a) => !a.operation && a.status?.history?.length === 3);
    assert.deepEqual(await configMapData('default', 'cfg'), { v: '1' });
    assert.equal(app.status?.history?.[2]?.revision, v1);
    // HEAD is still v2, so the application is out of sync after a rollback, as in Argo CD.
    app = await env.waitApp('manual', (a) => a.status?.sync?.status === 'OutOfSync');
    assert.equal(app.status?.sync?.revision, v2);
  });

  it('terminates a running sync: no later wave runs and the operation ends Failed', async () => {
    const repo = env.repo('stuck');
    // Wave 0 never becomes healthy (its image cannot be pulled), so the sync waits before wave 1.
    repo.commit({
      'k/deploy.yaml': deploymentYaml('stuck', 'registry.invalid/app:1'),
      'k/cm.yaml': configMapYaml('after-stuck', { wave: '1' }).replace(
        'metadata:\n',
        "metadata:\n  annotations: {argocd.argoproj.io/sync-wave: '1'}\n",
      ),
    });
    await env.apply(
      application('stuck', {
        source: { repoURL: env.git.url('stuck'), path: 'k' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
      }),
    );
    await env.waitApp('stuck', (a) => a.status?.sync?.status === 'OutOfSync');
    await patchApp('stuck', {
      operation: { sync: { revision: 'HEAD' }, initiatedBy: { username: 'admin' } },
    });
    await env.waitApp('stuck', (a) => a.status?.operationState?.phase === 'Running');
    // What the API server writes for `argocd app terminate-op stuck`.
    await patchApp('stuck', { status: { operationState: { phase: 'Terminating' } } });
    const ended = await env.waitApp(
      'stuck',
      (a) =>
        !a.operation &&
        a.status?.operationState?.phase !== 'Running' &&
        a.status?.operationState?.phase !== 'Terminating',
    );
    assert.equal(ended.status?.operationState?.phase, 'Failed');
    assert.equal(ended.status?.operationState?.message, 'Operation terminated');
    assert.equal(await configMapData('default', 'after-stuck'), undefined, 'wave 1 never ran');
    assert.equal(ended.status?.history, undefined, 'a terminated sync is not a deployment');
  });

  it('terminating a sync deletes its running PreSync hook and applies nothing after it', async () => {
    const repo = env.repo('hooked');
    // The hook's image cannot be pulled, so its Job never completes and the sync waits on it.
    repo.commit({
      'k/migrate.yaml': [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '  name: hooked-migrate',
        '  annotations: {argocd.argoproj.io/hook: PreSync}',
        'spec:',
        '  backoffLimit: 0',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      containers: [{name: migrate, image: registry.invalid/migrate:1}]',
        '',
      ].join('\n'),
      'k/cm.yaml': configMapYaml('after-hook', { phase: 'sync' }),
    });
    await env.apply(
      application('hooked', {
        source: { repoURL: env.git.url('hooked'), path: 'k' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
      }),
    );
    await env.waitApp('hooked', (a) => a.status?.sync?.status === 'OutOfSync');
    await patchApp('hooked', {
      operation: { sync: { revision: 'HEAD' }, initiatedBy: { username: 'admin' } },
    });
    const jobKey = { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'hooked-migrate' };
    await eventually(
      'the PreSync hook Job runs',
      async () => !!(await env.client.get(jobKey, { signal: signal() })),
    );
    await env.waitApp('hooked', (a) => a.status?.operationState?.phase === 'Running');
    await patchApp('hooked', { status: { operationState: { phase: 'Terminating' } } });
    const ended = await env.waitApp(
      'hooked',
      (a) =>
        !a.operation &&
        a.status?.operationState?.phase !== 'Running' &&
        a.status?.operationState?.phase !== 'Terminating',
    );
    assert.equal(ended.status?.operationState?.phase, 'Failed');
    assert.equal(ended.status?.operationState?.message, 'Operation terminated');
    const hook = ended.status?.operationState?.syncResult?.resources?.find(
      (r) => r.name === 'hooked-migrate',
    );
    assert.equal(hook?.hookPhase, 'Failed');
    assert.equal(hook?.message, 'Terminated');
    // Gone, not stuck behind the hook finalizer, and its Pods with it.
    await eventually(
      'the hook Job is deleted',
      async () => !(await env.client.get(jobKey, { signal: signal() })),
    );
    const pods = await env.client.list(
      { group: '', version: 'v1', kind: 'Pod' },
      { signal: signal(), namespace: 'default', labelSelector: 'job-name=hooked-migrate' },
    );
    assert.deepEqual(
      pods.items.map((p) => p.metadata.name),
      [],
      'the Job took its Pods with it',
    );
    assert.equal(await configMapData('default', 'after-hook'), undefined, 'the Sync phase never ran');
  });

  it('blocks sync on project violations with conditions', async () => {
    const repo = env.repo('restricted');
    repo.commit({
      'p/cm.yaml': configMapYaml('restricted-cfg', { a: 'b' }),
      'p/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: restricted-extra\n',
    });
    const url = env.git.url('restricted');
    await env.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace: 'argocd' },
      spec: {
        sourceRepos: ['*', `!${url}`],
        destinations: [{ server: '*', namespace: 'team-*' }],
      },
    });
    await env.apply(
      application('denied-repo', {
        project: 'team',
        source: { repoURL: url, path: 'p' },
        destination: { server: IN_CLUSTER, namespace: 'team-a' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    await env.apply(
      application('denied-destination', {
        project: 'team',
        source: { repoURL: 'https://example.invalid/other.git', path: 'p' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
      }),
    );
    await env.apply(
      application('no-project', {
        project: 'missing',
        source: { repoURL: url, path: 'p' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
      }),
    );
    const conditionOf = (a: Application) =>
      a.status?.conditions?.map((c) => `${c.type}: ${c.message}`).join('\n') ?? '';
    let app = await env.waitApp('denied-repo', (a) => /InvalidSpecError/.test(conditionOf(a)));
    assert.match(conditionOf(app), new RegExp(`application repo ${url} is not permitted in project 'team'`));
    assert.equal(app.status?.sync?.status, 'Unknown');
    app = await env.waitApp('denied-destination', (a) => /InvalidSpecError/.test(conditionOf(a)));
    assert.match(
      conditionOf(app),
      /destination server 'https:\/\/kubernetes.default.svc' and namespace 'default' do not match/,
    );
    app = await env.waitApp('no-project', (a) => /InvalidSpecError/.test(conditionOf(a)));
    assert.match(conditionOf(app), /referencing project missing which does not exist/);

    // Cluster-scoped kinds need a clusterResourceWhitelist entry: the Namespace blocks the sync.
    await env.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: 'team-*' }] },
    });
    app = await env.waitApp('denied-repo', (a) => /SyncError/.test(conditionOf(a)));
    assert.match(conditionOf(app), /resource :Namespace is not permitted in project team/);
    assert.equal(app.status?.operationState, undefined);
    assert.equal(await configMapData('team-a', 'restricted-cfg'), undefined);
  });

  it('a deny sync window blocks automated and manual syncs', async () => {
    const repo = env.repo('windowed');
    repo.commit({ 'w/cm.yaml': configMapYaml('windowed', { a: '1' }) });
    await env.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'frozen', namespace: 'argocd' },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'] }],
      },
    });
    await env.apply(
      application('windowed', {
        project: 'frozen',
        source: { repoURL: env.git.url('windowed'), path: 'w' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
        syncPolicy: { automated: {} },
      }),
    );
    await env.waitApp('windowed', (a) => a.status?.sync?.status === 'OutOfSync');
    await patchApp('windowed', {
      operation: { sync: { revision: 'HEAD' }, initiatedBy: { username: 'admin' } },
    });
    const app = await env.waitApp('windowed', (a) => !a.operation && a.status?.operationState !== undefined);
    assert.equal(app.status?.operationState?.phase, 'Failed');
    assert.match(app.status?.operationState?.message ?? '', /blocked by sync window/);
    assert.equal(await configMapData('default', 'windowed'), undefined);
  });

  it('deletes resources with the resources finalizer and leaves them without it', async () => {
    const repo = env.repo('deleted');
    repo.commit({
      'a/cm.yaml': configMapYaml('cascade-cfg', { a: '1' }),
      'b/cm.yaml': configMapYaml('kept-cfg', { a: '1' }),
    });
    await env.apply(
      application(
        'cascade',
        {
          source: { repoURL: env.git.url('deleted'), path: 'a' },
          destination: { server: IN_CLUSTER, namespace: 'default' },
          syncPolicy: { automated: {} },
        },
        { finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      ),
    );
    await env.apply(
      application('kept', {
        source: { repoURL: env.git.url('deleted'), path: 'b' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
        syncPolicy: { automated: {} },
      }),
    );
    await env.waitApp('cascade', (a) => a.status?.sync?.status === 'Synced');
    await env.waitApp('kept', (a) => a.status?.sync?.status === 'Synced');
    assert.ok(await configMapData('default', 'cascade-cfg'));
    await env.client.delete(appKey('cascade'), { signal: signal() });
    await env.client.delete(appKey('kept'), { signal: signal() });
    await env.waitFor(async () => (await env.app('cascade')) === undefined, 'cascade app gone');
    assert.equal(await configMapData('default', 'cascade-cfg'), undefined);
    await env.waitFor(async () => (await env.app('kept')) === undefined, 'kept app gone');
    assert.deepEqual(await configMapData('default', 'kept-cfg'), { a: '1' });
  });

  it('reconciles Applications in other namespaces when listed and allowed by the project', async () => {
    const repo = env.repo('anyns');
    const sha = repo.commit({ 'c/cm.yaml': configMapYaml('anyns-cfg', { a: '1' }) });
    await env.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps-one' } });
    const spec = {
      source: { repoURL: env.git.url('anyns'), path: 'c' },
      destination: { server: IN_CLUSTER, namespace: 'default' },
      syncPolicy: { automated: {} },
    };
    await env.apply(application('denied', spec, { namespace: 'apps-one' }));
    const denied = await env.waitApp(
      'denied',
      (a) => a.status?.conditions?.some((c) => c.type === 'InvalidSpecError') === true,
      30_000,
      'apps-one',
    );
    assert.match(denied.status?.conditions?.[0]?.message ?? '', /app is not allowed in project "default"/);
    await env.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'shared', namespace: 'argocd' },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        sourceNamespaces: ['apps-*'],
      },
    });
    await env.apply(application('allowed', { ...spec, project: 'shared' }, { namespace: 'apps-one' }));
    await env.waitApp('allowed', (a) => a.status?.sync?.status === 'Synced', 30_000, 'apps-one');
    const cm = await env.client.get(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'anyns-cfg' },
      { signal: signal() },
    );
    // The tracking id names the Application as `<namespace>_<name>` outside the control plane's namespace.
    assert.equal(
      cm?.metadata.annotations?.['argocd.argoproj.io/tracking-id'],
      'apps-one_allowed:/ConfigMap:default/anyns-cfg',
    );
    assert.equal((await env.app('allowed', 'apps-one'))?.status?.sync?.revision, sha);
  });
});
