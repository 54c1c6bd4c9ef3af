// `capstan --core`, as `argocd --core`: no Capstan server and no login, only a kubeconfig. The
// controllers run elsewhere (here a `capstan up` whose API the CLI is never told about); the CLI
// lists, gets, diffs, syncs, waits, shows history and manifests, deletes, and drives Flux, all
// through the Kubernetes API. Without Argo CD's CRDs, or with no cluster, it says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliRunner } from './support/cli.ts';
import { eventually, upProcess } from './support/up-process.ts';
import { startTestCluster } from './support/cluster.ts';

const run = promisify(execFile);

test('capstan --core: app and Flux verbs straight against the Kubernetes API', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-core-'));
  const upHome = join(home, 'up-home');
  const cliHome = join(home, 'cli-home');
  const dataDir = join(home, 'data');
  const kubeconfig = join(dataDir, 'kubeconfig');
  const up = await upProcess(['--port', '0', '--data-dir', dataDir], upHome);
  // A user with no stored context and no server: only the kubeconfig.
  const plain = cliRunner(cliHome, { KUBECONFIG: kubeconfig });
  const { env, capstan, ok } = cliRunner(cliHome, { KUBECONFIG: kubeconfig }, ['--core']);
  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', kubeconfig, ...args], { env })).stdout;
  try {
    const without = await plain.capstan('app', 'list');
    assert.notEqual(without.code, 0, 'without --core and without a server there is nothing to talk to');

    await eventually(
      'the demo app listed',
      async () => /demo\s+.*Synced\s+Healthy/.test(await ok('app', 'list')) || undefined,
      120_000,
    );
    assert.match(await ok('app', 'get', 'demo'), /Sync Status:\s+Synced/);

    // A manual app, to see a diff and sync it by hand.
    await writeFile(
      join(home, 'manual.yaml'),
      `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: manual, namespace: argocd}
spec:
  project: default
  source: {repoURL: '${up.url}/git/demo', path: base}
  destination: {server: 'https://kubernetes.default.svc', namespace: manual}
  syncPolicy: {syncOptions: [CreateNamespace=true]}
`,
    );
    await kubectl('apply', '-f', join(home, 'manual.yaml'));
    await eventually(
      'manual compared',
      async () => /OutOfSync/.test(await ok('app', 'get', 'manual')) || undefined,
      120_000,
    );
    const diff = await capstan('app', 'diff', 'manual');
    assert.equal(diff.code, 1, `a diff exits 1, as argocd app diff: ${diff.stderr}`);
    assert.match(diff.stdout, /Deployment/);
    assert.match(await ok('app', 'manifests', 'manual'), /kind: Deployment/);
    assert.match(await ok('app', 'sync', 'manual', '--timeout', '120'), /Phase:\s+Succeeded/);
    assert.match(await kubectl('get', 'deploy', '-n', 'manual'), /\bweb\b/);
    assert.match(await ok('app', 'history', 'manual'), /^ID\s+DATE\s+REVISION/);

    // Flux, through the same path.
    assert.match(await ok('get', 'kustomizations'), /demo\s+\S+\s+False\s+True/);
    assert.match(
      await ok('reconcile', 'source', 'git', 'demo'),
      /GitRepository\/flux-system\/demo reconciled/,
    );

    assert.match(await ok('app', 'delete', 'manual'), /deleted/);
    await eventually(
      'manual gone',
      async () => !/manual/.test(await ok('app', 'list')) || undefined,
      120_000,
    );
  } finally {
    await up.stop();
  }

  // A cluster without Argo CD's CRDs: said plainly.
  const bare = await startTestCluster(undefined, { controllers: false });
  try {
    const r = await plain.capstan('app', 'list', '--core', '--kubeconfig', bare.kubeconfigPath);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /has no Argo CD CRDs/);
  } finally {
    await bare.close();
    await rm(home, { recursive: true, force: true });
  }
});
