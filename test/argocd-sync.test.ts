// Argo CD Applications end to end: a real git http server, the embedded cluster, and the Argo CD
// controllers. Creation to Synced/Healthy, self-heal after kubectl edit, new commits, prune (and
// not without it), git revert, and an unpullable image. One environment; each test its own
// repository, namespace and Application, all concurrent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl } from './support/cluster.ts';
import {
  application,
  configMapYaml,
  deploymentYaml,
  IN_CLUSTER,
  startArgoEnv,
  type ArgoEnv,
} from './support/argocd.ts';

let env: ArgoEnv;
before(async () => {
  env = await startArgoEnv();
});
after(async () => {
  await env?.close();
});

const synced =
  (revision: string) =>
  (a: { status?: { sync?: { status?: string; revision?: string }; health?: { status?: string } } }) =>
    a.status?.sync?.status === 'Synced' &&
    a.status.sync.revision === revision &&
    a.status.health?.status === 'Healthy';

async function configMapData(ns: string, name: string): Promise<Record<string, string> | undefined> {
  const cm = await env.client.get(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name },
    { signal: AbortSignal.timeout(10_000) },
  );
  return (cm as { data?: Record<string, string> } | undefined)?.data;
}

describe('automated sync', { concurrency: true }, () => {
  it('creates an Application that reaches Synced/Healthy at the repository revision', async () => {
    const repo = env.repo('guestbook');
    const sha = repo.commit({
      'guestbook/cm.yaml': configMapYaml('guestbook-config', { color: 'blue' }),
      'guestbook/web.yaml': deploymentYaml('web', 'nginx:1.27'),
    });
    await env.apply(
      application('guestbook', {
        source: { repoURL: env.git.url('guestbook'), path: 'guestbook', targetRevision: 'HEAD' },
        destination: { server: IN_CLUSTER, namespace: 'guestbook' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    const app = await env.waitApp('guestbook', synced(sha));
    const s = app.status!;
    assert.equal(s.sourceType, 'Directory');
    assert.ok(s.reconciledAt);
    assert.deepEqual(s.sync?.comparedTo?.destination, { server: IN_CLUSTER, namespace: 'guestbook' });
    assert.deepEqual(
      s.resources?.map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status ?? '-'}`),
      ['ConfigMap/guestbook-config:Synced:-', 'Deployment/web:Synced:Healthy'],
    );
    assert.deepEqual(s.summary?.images, ['nginx:1.27']);
    assert.equal(s.operationState?.phase, 'Succeeded');
    assert.equal(s.operationState?.operation.initiatedBy?.automated, true);
    assert.equal(s.history?.length, 1);
    assert.equal(s.history?.[0]?.revision, sha);
    assert.deepEqual(await configMapData('guestbook', 'guestbook-config'), { color: 'blue' });
    // The default project was created for it.
    const project = await env.client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: 'argocd', name: 'default' },
      { signal: AbortSignal.timeout(5000) },
    );
    assert.ok(project);
  });

  it('self-heals a kubectl edit, follows new commits, prunes removed files and follows a git revert', async () => {
    const repo = env.repo('heal');
    const first = repo.commit({
      'app/cm.yaml': configMapYaml('settings', { mode: 'a' }),
      'app/extra.yaml': configMapYaml('extra', { keep: 'me' }),
    });
    await env.apply(
      application('heal', {
        source: { repoURL: env.git.url('heal'), path: 'app' },
        destination: { server: IN_CLUSTER, namespace: 'heal' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    await env.waitApp('heal', synced(first));

    // kubectl edit → the controller puts Git's value back.
    const edit = await kubectl(
      ['-n', 'heal', 'patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"mode":"edited"}}'],
      env.cluster,
    );
    assert.equal(edit.code, 0, edit.stderr);
    await env.waitFor(async () => (await configMapData('heal', 'settings'))?.['mode'] === 'a', 'self-heal');

    // A new commit is picked up by polling and synced.
    const second = repo.commit({ 'app/cm.yaml': configMapYaml('settings', { mode: 'b' }) });
    await env.waitApp('heal', synced(second));
    assert.deepEqual(await configMapData('heal', 'settings'), { mode: 'b' });

    // A removed file is pruned.
    const third = repo.commit({ 'app/extra.yaml': null });
    await env.waitApp('heal', synced(third));
    await env.waitFor(async () => (await configMapData('heal', 'extra')) === undefined, 'prune');

    // git revert brings the previous state back.
    repo.git('revert', '--no-edit', 'HEAD');
    repo.git('push', '-q', 'origin', 'HEAD');
    const reverted = repo.rev();
    const app = await env.waitApp('heal', synced(reverted));
    assert.deepEqual(await configMapData('heal', 'extra'), { keep: 'me' });
    assert.deepEqual(
      app.status?.history?.map((h) => h.revision),
      [first, second, third, reverted],
    );
  });

  it('does not prune without automated.prune: the resource is reported as requiring pruning', async () => {
    const repo = env.repo('noprune');
    repo.commit({ 'm/a.yaml': configMapYaml('a', { x: '1' }), 'm/b.yaml': configMapYaml('b', { x: '2' }) });
    await env.apply(
      application('noprune', {
        source: { repoURL: env.git.url('noprune'), path: 'm' },
        destination: { server: IN_CLUSTER, namespace: 'noprune' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    await env.waitApp('noprune', (a) => a.status?.sync?.status === 'Synced');
    const sha = repo.commit({ 'm/b.yaml': null });
    const app = await env.waitApp(
      'noprune',
      (a) => a.status?.sync?.revision === sha && a.status.sync.status === 'OutOfSync',
    );
    const b = app.status?.resources?.find((r) => r.name === 'b');
    assert.equal(b?.requiresPruning, true);
    assert.equal(b?.status, 'OutOfSync');
    assert.deepEqual(await configMapData('noprune', 'b'), { x: '2' });
  });

  it('reports an unpullable image as Degraded with the pod reason in the message', async () => {
    const repo = env.repo('broken');
    repo.commit({
      'd/web.yaml': deploymentYaml('web', 'registry.invalid/web:1', '  progressDeadlineSeconds: 2\n'),
    });
    await env.apply(
      application('broken', {
        source: { repoURL: env.git.url('broken'), path: 'd' },
        destination: { server: IN_CLUSTER, namespace: 'broken' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    const app = await env.waitApp('broken', (a) => a.status?.health?.status === 'Degraded', 60_000);
    assert.match(app.status?.health?.message ?? '', /Deployment\/broken\/web/);
    assert.match(app.status?.health?.message ?? '', /ImagePullBackOff|ErrImagePull/);
  });

  it('answers resourceTree, managedResources (Secrets masked) and revisionMetadata', async () => {
    const repo = env.repo('queries');
    const sha = repo.commit(
      {
        'q/web.yaml': deploymentYaml('web', 'nginx:1.27'),
        'q/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: hunter2-very-secret\n',
      },
      'Add the web tier\n\nWith its credentials.',
    );
    await env.apply(
      application('queries', {
        source: { repoURL: env.git.url('queries'), path: 'q' },
        destination: { server: IN_CLUSTER, namespace: 'queries' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    await env.waitApp('queries', synced(sha));
    const tree = await env.argocd.resourceTree('argocd', 'queries');
    const kinds = new Set(tree?.nodes.map((n) => n.kind));
    for (const k of ['Deployment', 'ReplicaSet', 'Pod', 'Secret']) assert.ok(kinds.has(k), `tree has a ${k}`);
    const managed = await env.argocd.managedResources('argocd', 'queries');
    assert.deepEqual(managed.map((m) => `${m.kind}/${m.name}`).sort(), ['Deployment/web', 'Secret/creds']);
    const secret = managed.find((m) => m.kind === 'Secret')!;
    assert.ok(secret.liveState && secret.targetState);
    for (const state of [
      secret.liveState,
      secret.targetState,
      secret.normalizedLiveState,
      secret.predictedLiveState,
    ]) {
      assert.doesNotMatch(state ?? '', /hunter2/);
      assert.doesNotMatch(state ?? '', /aHVudGVyMi/); // base64 of the value
    }
    const meta = await env.argocd.revisionMetadata('argocd', 'queries', sha);
    assert.equal(meta?.author, 'Test Author <author@example.com>');
    assert.match(meta?.message ?? '', /^Add the web tier\n\nWith its credentials\.$/);
    assert.ok(meta?.date);
  });

  it('applies the Application kustomize overrides, and reports Helm sources as not yet supported', async () => {
    const repo = env.repo('kz');
    const sha = repo.commit({
      'base/kustomization.yaml': 'resources: [web.yaml]\n',
      'base/web.yaml': deploymentYaml('web', 'nginx:1.27'),
      'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
      'chart/templates/cm.yaml': configMapYaml('demo', { a: 'b' }),
    });
    await env.apply(
      application('kz', {
        source: {
          repoURL: env.git.url('kz'),
          path: 'base',
          kustomize: { namePrefix: 'p-', images: ['nginx=nginx:1.28'], commonLabels: { team: 'blue' } },
        },
        destination: { server: IN_CLUSTER, namespace: 'kz' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    await env.apply(
      application('helm', {
        source: { repoURL: env.git.url('kz'), path: 'chart', helm: { releaseName: 'demo' } },
        destination: { server: IN_CLUSTER, namespace: 'kz' },
      }),
    );
    const app = await env.waitApp('kz', synced(sha));
    assert.equal(app.status?.sourceType, 'Kustomize');
    assert.deepEqual(app.status?.summary?.images, ['nginx:1.28']);
    const web = (await env.client.get(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kz', name: 'p-web' },
      { signal: AbortSignal.timeout(5000) },
    )) as { metadata: { labels?: Record<string, string> } } | undefined;
    assert.equal(web?.metadata.labels?.['team'], 'blue');
    const helm = await env.waitApp('helm', (a) => (a.status?.conditions?.length ?? 0) > 0);
    assert.equal(helm.status?.sync?.status, 'Unknown');
    assert.equal(helm.status?.sourceType, 'Helm');
    assert.equal(helm.status?.conditions?.[0]?.type, 'ComparisonError');
    assert.match(helm.status?.conditions?.[0]?.message ?? '', /Helm rendering is not yet supported/);
  });

  it('never retries a revision whose automated sync failed, and syncs the next commit', async () => {
    const repo = env.repo('failing');
    const bad = repo.commit({
      // A kind the cluster does not serve: the sync's dry run fails.
      'f/cm.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: bad\n',
    });
    await env.apply(
      application('failing', {
        source: { repoURL: env.git.url('failing'), path: 'f' },
        destination: { server: IN_CLUSTER, namespace: 'default' },
        syncPolicy: { automated: {} },
      }),
    );
    const failed = await env.waitApp('failing', (a) =>
      (a.status?.conditions ?? []).some((c) => c.type === 'SyncError'),
    );
    assert.ok(['Failed', 'Error'].includes(failed.status?.operationState?.phase ?? ''));
    assert.match(
      failed.status?.conditions?.[0]?.message ?? '',
      new RegExp(`Failed last sync attempt to ${bad}`),
    );
    const startedAt = failed.status?.operationState?.startedAt;
    // A refresh compares again but does not start another sync of the same revision.
    await env.client.patch(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'failing' },
      { type: 'merge', body: { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } } },
      { signal: AbortSignal.timeout(5000) },
    );
    await env.waitApp('failing', (a) => a.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined);
    assert.equal((await env.app('failing'))?.status?.operationState?.startedAt, startedAt);
    const good = repo.commit({ 'f/cm.yaml': configMapYaml('bad', { fixed: 'yes' }) });
    const app = await env.waitApp('failing', synced(good));
    assert.deepEqual(app.status?.conditions ?? [], []);
  });
});
