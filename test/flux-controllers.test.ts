// The Flux controllers end to end: a real git server (git http-backend), the embedded cluster over
// HTTP, GitRepository and Kustomization objects written as a user (or the flux CLI) writes them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type KubeObject } from '../src/core/index.ts';
import { installCrds, startFluxControllers, type RunningFlux } from '../src/controllers/flux/index.ts';
import { createClusterCache, fluxTracker } from '../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { createGitSource } from '../src/source/index.ts';
import { kubectl, startTestCluster, type TestCluster } from './support/cluster.ts';
import {
  createRepo,
  startHttpGitServer,
  tempDir,
  type HttpGitServer,
  type TestRepo,
} from './support/git-servers.ts';

let cluster: TestCluster;
let client: KubeClient;
let server: HttpGitServer;
let flux: RunningFlux;
let root: string;
const stop = new AbortController();
const signal = stop.signal;

before(async () => {
  root = tempDir('capstan-flux-');
  cluster = await startTestCluster();
  client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal });
  await installCrds(client, { signal });
  const cache = createClusterCache({ client, signal, trackers: { flux: fluxTracker() } });
  await cache.synced({ signal });
  server = await startHttpGitServer({ root: join(root, 'git') });
  const sources = createGitSource({ cacheDir: join(root, 'cache'), storageDir: join(root, 'storage') });
  flux = await startFluxControllers({
    signal,
    client,
    cache,
    sources,
    artifactBaseUrl: 'http://capstan.test/artifacts',
    workDir: join(root, 'work'),
    dependencyRequeueMs: 1000,
    healthPollMs: 250,
    ...(process.env['FLUX_DEBUG']
      ? { logger: createLogger({ level: 'debug', write: (l) => process.stderr.write(l + '\n') }) }
      : {}),
  });
});
after(async () => {
  await flux.close();
  stop.abort();
  await server.stop();
  await cluster.close();
});

const deployment = (name: string, replicas = 1, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: ${image}
`;
const configMap = (name: string, data: Record<string, string>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`)
    .join('')}`;

function repo(name: string, files: Record<string, string>): TestRepo {
  const r = createRepo(join(root, 'git'), name);
  r.commit(files, 'initial');
  return r;
}

async function namespace(name: string): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { signal });
}

async function gitRepository(ns: string, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await client.create(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name, namespace: ns },
      spec: { url: server.url(name), interval: '10m', ref: { branch: 'main' }, ...extra },
    },
    { signal },
  );
}

async function kustomization(ns: string, name: string, spec: Record<string, unknown>): Promise<void> {
  await client.create(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace: ns },
      spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: ns }, ...spec },
    },
    { signal },
  );
}

const get = (apiVersion: string, kind: string, namespace: string, name: string) =>
  client.get({ apiVersion, kind, namespace, name }, { signal });
const getKs = (ns: string, name: string) => get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', ns, name);
const getRepo = (ns: string, name: string) => get('source.toolkit.fluxcd.io/v1', 'GitRepository', ns, name);

interface FluxStatus {
  conditions?: { type: string; status: string; reason: string; message: string }[];
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  lastHandledReconcileAt?: string;
  observedGeneration?: number;
  inventory?: { entries: { id: string; v: string }[] };
  artifact?: {
    revision: string;
    digest: string;
    size: number;
    url: string;
    path: string;
    lastUpdateTime: string;
  };
}
const statusOf = (obj: KubeObject | undefined) => (obj?.['status'] ?? {}) as FluxStatus;
const ready = (obj: KubeObject | undefined) => statusOf(obj).conditions?.find((c) => c.type === 'Ready');

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const readyAt = (ns: string, name: string, revision: string) =>
  until(`Kustomization ${ns}/${name} Ready at ${revision}`, async () => {
    const ks = await getKs(ns, name);
    return statusOf(ks).lastAppliedRevision === revision && ready(ks)?.status === 'True' && ks;
  });

/** `flux reconcile source git`: a new requestedAt token. */
async function requestReconcile(
  kind: 'GitRepository' | 'Kustomization',
  ns: string,
  name: string,
): Promise<string> {
  const token = new Date().toISOString() + Math.random();
  const apiVersion =
    kind === 'GitRepository' ? 'source.toolkit.fluxcd.io/v1' : 'kustomize.toolkit.fluxcd.io/v1';
  await client.patch(
    { apiVersion, kind, namespace: ns, name },
    { type: 'merge', body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } } },
    { signal },
  );
  return token;
}

describe('Flux controllers', { concurrency: true }, () => {
  it('stores the source artifact and applies an overlay into targetNamespace', async () => {
    const ns = 'overlay';
    const r = repo(ns, {
      'base/kustomization.yaml': 'resources: [web.yaml, settings.yaml]\n',
      'base/web.yaml': deployment('web'),
      'base/settings.yaml': configMap('settings', { mode: 'base' }),
      'overlays/prod/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: 2\n',
    });
    await namespace(ns);
    await namespace('prod-a');
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', {
      path: './overlays/prod',
      targetNamespace: 'prod-a',
      namePrefix: 'p-',
      images: [{ name: 'nginx', newTag: '1.28' }],
      commonMetadata: { labels: { team: 'shop' }, annotations: { owner: 'ops' } },
    });

    const revision = `main@sha1:${r.rev()}`;
    const src = await until('GitRepository Ready', async () => {
      const g = await getRepo(ns, ns);
      return ready(g)?.status === 'True' && g;
    });
    const artifact = statusOf(src).artifact!;
    assert.equal(artifact.revision, revision);
    assert.equal(ready(src)?.reason, 'Succeeded');
    assert.equal(ready(src)?.message, `stored artifact for revision '${revision}'`);
    assert.equal(statusOf(src).conditions?.find((c) => c.type === 'ArtifactInStorage')?.status, 'True');
    assert.equal(statusOf(src).observedGeneration, 1);
    assert.match(
      artifact.url,
      /^http:\/\/capstan\.test\/artifacts\/gitrepository\/overlay\/overlay\/[0-9a-f]{40}\.tar\.gz$/,
    );
    const file = flux.artifactFile(new URL(artifact.url).pathname);
    assert.ok(file, 'the artifact is served');
    const bytes = readFileSync(file);
    assert.equal(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, artifact.digest);
    assert.equal(bytes.length, artifact.size);
    assert.equal(flux.artifactFile('/artifacts/../etc/passwd.tar.gz'), undefined);

    const ks = await readyAt(ns, 'apps', revision);
    assert.equal(ready(ks)?.reason, 'ReconciliationSucceeded');
    assert.equal(ready(ks)?.message, `Applied revision: ${revision}`);
    assert.equal(statusOf(ks).lastAttemptedRevision, revision);
    assert.deepEqual(
      statusOf(ks)
        .inventory?.entries.map((e) => e.id)
        .sort(),
      ['prod-a_p-settings__ConfigMap', 'prod-a_p-web_apps_Deployment'],
    );
    const web = await get('apps/v1', 'Deployment', 'prod-a', 'p-web');
    assert.equal((web?.['spec'] as { replicas: number }).replicas, 2);
    assert.match(JSON.stringify(web?.['spec']), /"image":"nginx:1\.28"/);
    assert.equal(web?.metadata.labels?.['team'], 'shop');
    assert.equal(web?.metadata.annotations?.['owner'], 'ops');
    assert.equal(web?.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'apps');
    assert.ok(web?.metadata.managedFields?.some((m) => m.manager === 'kustomize-controller'));
    const events = await until('Events on the objects', async () => {
      const list = await client.list({ group: '', version: 'v1', kind: 'Event' }, { signal, namespace: ns });
      const reasons = list.items.map(
        (e) => `${(e['involvedObject'] as { kind: string }).kind}/${e['reason'] as string}`,
      );
      return (
        reasons.includes('GitRepository/NewArtifact') &&
        reasons.includes('Kustomization/Progressing') &&
        list.items
      );
    });
    const applied = events.find((e) => e['reason'] === 'Progressing');
    assert.match(applied?.['message'] as string, /Deployment\/prod-a\/p-web created/);
    assert.equal((applied?.['source'] as { component: string }).component, 'kustomize-controller');
  });

  it('corrects a kubectl change, prunes a removed file, and honours requestedAt', async () => {
    const ns = 'drift';
    const r = repo(ns, {
      'deploy/settings.yaml': configMap('settings', { mode: 'git' }),
      'deploy/extra.yaml': configMap('extra', { a: '1' }),
    });
    await namespace(ns);
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', { path: './deploy', targetNamespace: ns });
    await readyAt(ns, 'apps', `main@sha1:${r.rev()}`);

    const edit = await kubectl(
      ['-n', ns, 'patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"mode":"hand"}}'],
      cluster,
    );
    assert.equal(edit.code, 0, edit.stderr);
    await until('the kubectl edit reverted', async () => {
      const cm = await get('v1', 'ConfigMap', ns, 'settings');
      return (cm?.['data'] as Record<string, string>).mode === 'git';
    });

    const next = r.commit({ 'deploy/extra.yaml': null }, 'remove extra');
    const token = await requestReconcile('GitRepository', ns, ns);
    await until(
      'requestedAt handled',
      async () => statusOf(await getRepo(ns, ns)).lastHandledReconcileAt === token,
    );
    const ks = await readyAt(ns, 'apps', `main@sha1:${next}`);
    assert.equal(await get('v1', 'ConfigMap', ns, 'extra'), undefined, 'pruned');
    assert.deepEqual(
      statusOf(ks).inventory?.entries.map((e) => e.id),
      [`${ns}_settings__ConfigMap`],
    );

    const ksToken = await requestReconcile('Kustomization', ns, 'apps');
    await until(
      'Kustomization requestedAt handled',
      async () => statusOf(await getKs(ns, 'apps')).lastHandledReconcileAt === ksToken,
    );
  });

  it('suspends and resumes', async () => {
    const ns = 'suspend';
    const r = repo(ns, { 'settings.yaml': configMap('settings', { mode: 'git' }) });
    await namespace(ns);
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', { targetNamespace: ns });
    await readyAt(ns, 'apps', `main@sha1:${r.rev()}`);
    await client.patch(
      { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: ns, name: 'apps' },
      { type: 'merge', body: { spec: { suspend: true } } },
      { signal },
    );
    await until('suspend seen', async () => (await getKs(ns, 'apps'))?.metadata.generation === 2);
    await new Promise((r) => setTimeout(r, 300));
    const edit = await kubectl(
      ['-n', ns, 'patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"mode":"hand"}}'],
      cluster,
    );
    assert.equal(edit.code, 0, edit.stderr);
    await new Promise((r) => setTimeout(r, 2000));
    const held = await get('v1', 'ConfigMap', ns, 'settings');
    assert.equal(
      (held?.['data'] as Record<string, string>).mode,
      'hand',
      'a suspended Kustomization changes nothing',
    );
    await client.patch(
      { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: ns, name: 'apps' },
      { type: 'merge', body: { spec: { suspend: false } } },
      { signal },
    );
    await until('drift corrected after resume', async () => {
      const cm = await get('v1', 'ConfigMap', ns, 'settings');
      return (cm?.['data'] as Record<string, string>).mode === 'git';
    });
    assert.equal(statusOf(await getKs(ns, 'apps')).observedGeneration, 3);
  });

  it('reports malformed YAML naming the file and leaves the cluster as it was', async () => {
    const ns = 'badyaml';
    const r = repo(ns, { 'app/settings.yaml': configMap('settings', { mode: 'v1' }) });
    await namespace(ns);
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', { path: 'app', targetNamespace: ns });
    const good = `main@sha1:${r.rev()}`;
    await readyAt(ns, 'apps', good);
    const bad = r.commit(
      {
        'app/settings.yaml': configMap('settings', { mode: 'v2' }),
        'app/broken.yaml': 'kind: ConfigMap\n  metadata: [oops\n',
      },
      'break',
    );
    await requestReconcile('GitRepository', ns, ns);
    const ks = await until('Ready=False', async () => {
      const k = await getKs(ns, 'apps');
      return statusOf(k).lastAttemptedRevision === `main@sha1:${bad}` && ready(k)?.status === 'False' && k;
    });
    assert.equal(ready(ks)?.reason, 'BuildFailed');
    assert.match(ready(ks)?.message ?? '', /broken\.yaml/);
    assert.equal(statusOf(ks).lastAppliedRevision, good);
    const cm = await get('v1', 'ConfigMap', ns, 'settings');
    assert.equal(
      (cm?.['data'] as Record<string, string>).mode,
      'v1',
      'nothing of the broken revision applied',
    );
  });

  it('substitutes post-build variables from inline values, a ConfigMap and a Secret', async () => {
    const ns = 'subst';
    const r = repo(ns, {
      'settings.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${cluster_name}\ndata:\n  region: ${region:=eu-1}\n  env: ${env}\n  token: ${token}\n  literal: $${kept}\n  dollar: $HOME\n',
      'raw.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  v: ${cluster_name}\n',
    });
    await namespace(ns);
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'vars', namespace: ns },
        data: { cluster_name: 'from-cm', env: 'staging' },
      },
      { signal },
    );
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'secret-vars', namespace: ns },
        data: { token: Buffer.from('s3cr3t').toString('base64') },
      },
      { signal },
    );
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', {
      targetNamespace: ns,
      postBuild: {
        substitute: { cluster_name: 'prod' },
        substituteFrom: [
          { kind: 'ConfigMap', name: 'vars' },
          { kind: 'Secret', name: 'secret-vars' },
          { kind: 'ConfigMap', name: 'absent', optional: true },
        ],
      },
    });
    await readyAt(ns, 'apps', `main@sha1:${r.rev()}`);
    const cm = await get('v1', 'ConfigMap', ns, 'settings-prod');
    assert.deepEqual(cm?.['data'], {
      region: 'eu-1',
      env: 'staging',
      token: 's3cr3t',
      literal: '${kept}',
      dollar: '$HOME',
    });
    assert.deepEqual((await get('v1', 'ConfigMap', ns, 'raw'))?.['data'], { v: '${cluster_name}' });
  });

  it('waits for a dependency in another namespace before applying', async () => {
    const ns = 'deps';
    const r = repo(ns, {
      'infra/web.yaml': deployment('db'),
      'apps/settings.yaml': configMap('app-settings', { a: '1' }),
    });
    await namespace(ns);
    await namespace('deps-infra');
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', {
      path: 'apps',
      targetNamespace: ns,
      dependsOn: [{ name: 'infra', namespace: 'deps-infra' }],
    });
    const waiting = await until('DependencyNotReady', async () => {
      const k = await getKs(ns, 'apps');
      return ready(k)?.reason === 'DependencyNotReady' && k;
    });
    assert.match(
      ready(waiting)?.message ?? '',
      /^dependencies do not meet ready condition \(.*'deps-infra\/infra'.*\), retrying in 1s$/,
    );
    assert.equal(
      await get('v1', 'ConfigMap', ns, 'app-settings'),
      undefined,
      'nothing applied before the dependency',
    );
    await kustomization('deps-infra', 'infra', {
      path: 'infra',
      targetNamespace: 'deps-infra',
      wait: true,
      sourceRef: { kind: 'GitRepository', name: ns, namespace: ns },
    });
    const revision = `main@sha1:${r.rev()}`;
    const infra = await readyAt('deps-infra', 'infra', revision);
    assert.equal(statusOf(infra).conditions?.find((c) => c.type === 'Healthy')?.status, 'True');
    await readyAt(ns, 'apps', revision);
    assert.ok(await get('v1', 'ConfigMap', ns, 'app-settings'));
  });

  it('health checks wait for the listed objects and fail after the timeout', async () => {
    const ns = 'health';
    const r = repo(ns, {
      'ok/web.yaml': deployment('web'),
      'stuck/web.yaml': deployment('stuck', 1, 'registry.invalid/app:1'),
    });
    await namespace(ns);
    await gitRepository(ns, ns);
    const revision = `main@sha1:${r.rev()}`;
    // With the artifact in place first, each Kustomization runs once (no retry queued meanwhile).
    await until('GitRepository Ready', async () => ready(await getRepo(ns, ns))?.status === 'True');
    await kustomization(ns, 'ok', {
      path: 'ok',
      targetNamespace: ns,
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns }],
    });
    await kustomization(ns, 'stuck', { path: 'stuck', targetNamespace: ns, wait: true, timeout: '30s' });
    const ok = await readyAt(ns, 'ok', revision);
    const web = await get('apps/v1', 'Deployment', ns, 'web');
    assert.equal(
      (web?.['status'] as { availableReplicas?: number }).availableReplicas,
      1,
      'Ready only once available',
    );
    assert.equal(statusOf(ok).conditions?.find((c) => c.type === 'Healthy')?.reason, 'Succeeded');
    const stuck = await until(
      'HealthCheckFailed',
      async () => {
        const k = await getKs(ns, 'stuck');
        return ready(k)?.reason === 'HealthCheckFailed' && k;
      },
      60_000,
    );
    assert.match(
      ready(stuck)?.message ?? '',
      /timeout waiting for: \[Deployment\/health\/stuck status: 'InProgress'/,
    );
    assert.equal(statusOf(stuck).conditions?.find((c) => c.type === 'Healthy')?.status, 'False');
    assert.equal(statusOf(stuck).lastAppliedRevision, undefined);
    assert.ok(await get('apps/v1', 'Deployment', ns, 'stuck'), 'applied, just not healthy');
  });

  it('includes another GitRepository and rebuilds when it changes; deleting the Kustomization prunes', async () => {
    const ns = 'incl';
    repo(ns, { 'README.md': 'main repository\n' });
    const lib = repo('incl-lib', { 'deploy/lib.yaml': configMap('lib', { v: '1' }) });
    await namespace(ns);
    await gitRepository(ns, 'incl-lib');
    await gitRepository(ns, ns, {
      include: [{ repository: { name: 'incl-lib' }, fromPath: 'deploy', toPath: 'vendor/lib' }],
    });
    await kustomization(ns, 'apps', { path: './vendor/lib', targetNamespace: ns });
    await until('included content applied', async () => {
      const cm = await get('v1', 'ConfigMap', ns, 'lib');
      return (cm?.['data'] as Record<string, string> | undefined)?.v === '1';
    });
    const src = await getRepo(ns, ns);
    assert.equal((src?.['status'] as { includedArtifacts?: unknown[] }).includedArtifacts?.length, 1);
    lib.commit({ 'deploy/lib.yaml': configMap('lib', { v: '2' }) }, 'lib v2');
    await requestReconcile('GitRepository', ns, 'incl-lib');
    await until('the including repository rebuilt and the change applied', async () => {
      const cm = await get('v1', 'ConfigMap', ns, 'lib');
      return (cm?.['data'] as Record<string, string> | undefined)?.v === '2';
    });
    const ks = await getKs(ns, 'apps');
    assert.deepEqual(ks?.metadata.finalizers, ['finalizers.fluxcd.io']);
    await client.delete(
      { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: ns, name: 'apps' },
      { signal },
    );
    await until('Kustomization gone', async () => (await getKs(ns, 'apps')) === undefined);
    assert.equal(await get('v1', 'ConfigMap', ns, 'lib'), undefined, 'its objects were garbage-collected');
  });

  it('keeps the last artifact when fetching fails, with FetchFailed', async () => {
    const ns = 'fetchfail';
    const r = repo(ns, { 'a.yaml': configMap('a', { v: '1' }) });
    await namespace(ns);
    await gitRepository(ns, ns);
    const first = await until('GitRepository Ready', async () => {
      const g = await getRepo(ns, ns);
      return ready(g)?.status === 'True' && g;
    });
    assert.equal(statusOf(first).artifact?.revision, `main@sha1:${r.rev()}`);
    await client.patch(
      { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name: ns },
      { type: 'merge', body: { spec: { ref: { branch: 'does-not-exist' } } } },
      { signal },
    );
    const failed = await until('FetchFailed', async () => {
      const g = await getRepo(ns, ns);
      return ready(g)?.status === 'False' && g;
    });
    assert.equal(ready(failed)?.reason, 'GitOperationFailed');
    assert.match(
      ready(failed)?.message ?? '',
      /^failed to checkout and determine revision: .*does-not-exist/,
    );
    const fetchFailed = statusOf(failed).conditions?.find((c) => c.type === 'FetchFailed');
    assert.equal(fetchFailed?.status, 'True');
    assert.deepEqual(statusOf(failed).artifact, statusOf(first).artifact, 'the last artifact stays');
  });

  it('stalls on an invalid health check expression', async () => {
    const ns = 'cel';
    repo(ns, { 'a.yaml': configMap('a', { v: '1' }) });
    await namespace(ns);
    await gitRepository(ns, ns);
    await kustomization(ns, 'apps', {
      targetNamespace: ns,
      healthCheckExprs: [{ apiVersion: 'example.com/v1', kind: 'Thing', current: 'self.status.(' }],
    });
    const ks = await until('Stalled', async () => {
      const k = await getKs(ns, 'apps');
      return statusOf(k).conditions?.some((c) => c.type === 'Stalled' && c.status === 'True') && k;
    });
    assert.equal(ready(ks)?.status, 'False');
    assert.equal(ready(ks)?.reason, 'InvalidCELExpression');
    assert.equal(await get('v1', 'ConfigMap', ns, 'a'), undefined, 'nothing applied');
  });

  it('authenticates with secretRef and reports a missing Secret as AuthenticationFailed', async (t) => {
    const ns = 'auth';
    const authRoot = join(root, 'git-auth');
    const r = createRepo(authRoot, ns);
    r.commit({ 'a.yaml': configMap('a', { v: '1' }) }, 'initial');
    const secured = await startHttpGitServer({
      root: authRoot,
      basicAuth: { username: 'flux', password: 'hunter2' },
    });
    t.after(() => secured.stop());
    await namespace(ns);
    const spec = {
      url: secured.url(ns),
      interval: '10m',
      ref: { branch: 'main' },
      secretRef: { name: 'git-creds' },
    };
    await client.create(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: ns, namespace: ns },
        spec,
      },
      { signal },
    );
    const missing = await until('AuthenticationFailed', async () => {
      const g = await getRepo(ns, ns);
      return ready(g)?.reason === 'AuthenticationFailed' && g;
    });
    assert.equal(
      ready(missing)?.message,
      `failed to get secret '${ns}/git-creds': secrets "git-creds" not found`,
    );
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'git-creds', namespace: ns },
        stringData: { username: 'flux', password: 'hunter2' },
      },
      { signal },
    );
    await requestReconcile('GitRepository', ns, ns);
    const ok = await until('Ready with credentials', async () => {
      const g = await getRepo(ns, ns);
      return ready(g)?.status === 'True' && g;
    });
    assert.equal(statusOf(ok).artifact?.revision, `main@sha1:${r.rev()}`);
    assert.ok(!JSON.stringify(ok).includes('hunter2'));
  });
});
