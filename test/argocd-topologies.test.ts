// Argo CD topologies end to end: a second embedded cluster registered through an Argo CD cluster
// Secret, multi-source Applications, and app of apps (children rendered from Git, the parent's
// health following theirs), and the warnings for resources rendered twice or shared by two.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { application, configMapYaml, IN_CLUSTER, startArgoEnv, type ArgoEnv } from './support/argocd.ts';

let env: ArgoEnv;
let remote: TestCluster;
let remoteClient: KubeClient;
const stop = new AbortController();
before(async () => {
  [env, remote] = await Promise.all([startArgoEnv(), startTestCluster(undefined, { podStartDelayMs: 50 })]);
  remoteClient = await createKubeClient({ kubeconfig: { text: remote.kubeconfig() }, signal: stop.signal });
});
after(async () => {
  stop.abort();
  await env?.close();
  await remote?.close();
});

const signal = () => AbortSignal.timeout(10_000);

async function data(
  client: KubeClient,
  ns: string,
  name: string,
): Promise<Record<string, string> | undefined> {
  const cm = await client.get(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name },
    { signal: signal() },
  );
  return (cm as { data?: Record<string, string> } | undefined)?.data;
}

describe('topologies', { concurrency: true }, () => {
  it('deploys to a second cluster named by an Argo CD cluster Secret', async () => {
    await env.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'cluster-remote',
        namespace: 'argocd',
        labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
      },
      stringData: {
        name: 'remote',
        server: remote.url,
        config: JSON.stringify({
          bearerToken: remote.token,
          tlsClientConfig: remote.ca
            ? { caData: Buffer.from(remote.ca).toString('base64') }
            : { insecure: false },
        }),
      },
    });
    const repo = env.repo('remote');
    const sha = repo.commit({ 'r/cm.yaml': configMapYaml('far-away', { where: 'remote' }) });
    await env.apply(
      application('to-remote', {
        source: { repoURL: env.git.url('remote'), path: 'r' },
        destination: { name: 'remote', namespace: 'default' },
        syncPolicy: { automated: { selfHeal: true } },
      }),
    );
    const app = await env.waitApp('to-remote', (a) => a.status?.sync?.status === 'Synced');
    assert.equal(app.status?.sync?.revision, sha);
    assert.deepEqual(await data(remoteClient, 'default', 'far-away'), { where: 'remote' });
    assert.equal(await data(env.client, 'default', 'far-away'), undefined);
    // Drift on the remote cluster is healed too: its cache is watched.
    await remoteClient.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'far-away' },
      { type: 'merge', body: { data: { where: 'edited' } } },
      { signal: signal() },
    );
    await env.waitFor(
      async () => (await data(remoteClient, 'default', 'far-away'))?.['where'] === 'remote',
      'remote self-heal',
    );
  });

  it('renders every source of a multi-source Application and reports revisions per source', async () => {
    const a = env.repo('multi-a');
    const b = env.repo('multi-b');
    const shaA = a.commit({ 'x/cm.yaml': configMapYaml('from-a', { src: 'a' }) });
    const shaB = b.commit({
      'y/kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: kz-\n',
      'y/cm.yaml': configMapYaml('from-b', { src: 'b' }),
    });
    await env.apply(
      application('multi', {
        sources: [
          { repoURL: env.git.url('multi-a'), path: 'x' },
          { repoURL: env.git.url('multi-b'), path: 'y', targetRevision: 'main' },
          { repoURL: env.git.url('multi-b'), targetRevision: 'main', ref: 'values' },
        ],
        destination: { server: IN_CLUSTER, namespace: 'default' },
        syncPolicy: { automated: {} },
      }),
    );
    const app = await env.waitApp('multi', (x) => x.status?.sync?.status === 'Synced');
    assert.deepEqual(app.status?.sync?.revisions, [shaA, shaB, shaB]);
    assert.deepEqual(app.status?.sourceTypes, ['Directory', 'Kustomize']);
    assert.deepEqual(app.status?.history?.[0]?.revisions, [shaA, shaB, shaB]);
    assert.deepEqual(await data(env.client, 'default', 'from-a'), { src: 'a' });
    assert.deepEqual(await data(env.client, 'default', 'kz-from-b'), { src: 'b' });
  });

  it('manages child Applications rendered from Git (app of apps) and reflects their health', async () => {
    const repo = env.repo('apps');
    const child = (name: string, path: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: ${env.git.url('apps')}
    path: ${path}
  destination:
    server: ${IN_CLUSTER}
    namespace: default
  syncPolicy:
    automated: {}
`;
    repo.commit({
      'root/child-one.yaml': child('child-one', 'one'),
      'root/child-two.yaml': child('child-two', 'two'),
      'one/cm.yaml': configMapYaml('child-one-cfg', { n: '1' }),
      'two/cm.yaml': configMapYaml('child-two-cfg', { n: '2' }),
    });
    await env.apply(
      application('root', {
        source: { repoURL: env.git.url('apps'), path: 'root' },
        destination: { server: IN_CLUSTER, namespace: 'argocd' },
        syncPolicy: { automated: { prune: true } },
      }),
    );
    const root = await env.waitApp(
      'root',
      (a) =>
        a.status?.sync?.status === 'Synced' &&
        a.status.health?.status === 'Healthy' &&
        (a.status.resources ?? []).every((r) => r.health?.status === 'Healthy'),
    );
    assert.deepEqual(
      root.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.health?.status}`),
      ['Application/child-one:Healthy', 'Application/child-two:Healthy'],
    );
    await env.waitApp('child-one', (a) => a.status?.sync?.status === 'Synced');
    assert.deepEqual(await data(env.client, 'default', 'child-two-cfg'), { n: '2' });
  });

  it('warns of a resource rendered twice and of one another application already tracks', async () => {
    const repo = env.repo('overlap');
    repo.commit({
      // The same ConfigMap twice in one application: the last one wins, with a warning.
      'first/a.yaml': configMapYaml('overlap-twice', { v: 'first' }),
      'first/b.yaml': configMapYaml('overlap-twice', { v: 'second' }),
      'first/owned.yaml': configMapYaml('overlap-owned', { by: 'first' }),
      // Another application renders first's ConfigMap too.
      'second/cm.yaml': configMapYaml('overlap-owned', { by: 'first' }),
    });
    const manual = (name: string, path: string) =>
      application(name, {
        source: { repoURL: env.git.url('overlap'), path },
        destination: { server: IN_CLUSTER, namespace: 'default' },
        syncPolicy: name === 'overlap-first' ? { automated: {} } : {},
      });
    await env.apply(manual('overlap-first', 'first'));
    const first = await env.waitApp(
      'overlap-first',
      (a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded',
    );
    assert.deepEqual(await data(env.client, 'default', 'overlap-twice'), { v: 'second' });
    assert.deepEqual(
      first.status?.conditions?.map((c) => [c.type, c.message]),
      [
        [
          'RepeatedResourceWarning',
          'Resource /ConfigMap/default/overlap-twice appeared 2 times among application resources.',
        ],
      ],
    );
    assert.equal(first.status?.resources?.filter((r) => r.name === 'overlap-twice').length, 1);

    await env.apply(manual('overlap-second', 'second'));
    const second = await env.waitApp('overlap-second', (a) =>
      (a.status?.conditions ?? []).some((c) => c.type === 'SharedResourceWarning'),
    );
    assert.equal(
      second.status?.conditions?.find((c) => c.type === 'SharedResourceWarning')?.message,
      'ConfigMap/overlap-owned is part of applications argocd/overlap-second and overlap-first',
    );
    // Paired with the live object, not reported Missing: its health is the object's.
    const res = second.status?.resources?.find((r) => r.name === 'overlap-owned');
    assert.notEqual(res?.health?.status, 'Missing');

    // FailOnSharedResource=true: the sync refuses to take the object over.
    await env.client.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'overlap-second',
      },
      {
        type: 'merge',
        body: {
          operation: {
            sync: { revision: 'HEAD', syncOptions: ['FailOnSharedResource=true'] },
            initiatedBy: { username: 'admin' },
          },
        },
      },
      { signal: signal() },
    );
    const refused = await env.waitApp(
      'overlap-second',
      (a) => !a.operation && ['Failed', 'Error'].includes(a.status?.operationState?.phase ?? ''),
    );
    assert.match(refused.status?.operationState?.message ?? '', /Shared resource found/);
    assert.deepEqual(await data(env.client, 'default', 'overlap-owned'), { by: 'first' });
  });
});
