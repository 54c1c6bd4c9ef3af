// The `capstan` CLI as a user runs it, against a real `capstan up`: no flags needed after `up`
// (the stored context), Argo CD's app verbs, Flux's get/suspend/reconcile/resume, -o json|yaml,
// errors on stderr with a non-zero exit, logout and login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { cliRunner } from './support/cli.ts';
import { eventually, upProcess } from './support/up-process.ts';

const run = promisify(execFile);

test('capstan CLI: app and Flux verbs against capstan up', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-cli-'));
  const dataDir = join(home, 'data');
  const up = await upProcess(['--port', '0', '--data-dir', dataDir], home);
  const { env, capstan, ok } = cliRunner(home);
  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', join(dataDir, 'kubeconfig'), ...args], { env })).stdout;
  try {
    await ok('app', 'wait', 'demo', '--timeout', '120');
    const table = await ok('app', 'list');
    assert.match(table.split('\n')[0]!, /^NAME\s+CLUSTER\s+NAMESPACE\s+PROJECT\s+STATUS\s+HEALTH/);
    assert.match(table, /argocd\/demo\s+\S+\s+demo\s+default\s+Synced\s+Healthy/);
    assert.match(await ok('app', 'list', '-o', 'wide'), /\/git\/demo\s+overlays\/argocd\s+HEAD/);
    const listed = JSON.parse(await ok('app', 'list', '-o', 'json')) as { metadata: { name: string } }[];
    assert.deepEqual(
      listed.map((a) => a.metadata.name),
      ['demo'],
    );
    assert.match(
      await ok('app', 'get', 'demo'),
      /Health Status:\s+Healthy[\s\S]*apps\s+Deployment\s+demo\s+web\s+Synced\s+Healthy/,
    );

    const manifests = await ok('app', 'manifests', 'demo');
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Namespace'])
      assert.match(manifests, new RegExp(`^kind: ${kind}$`, 'm'));
    assert.match(await ok('app', 'manifests', 'demo', '--source', 'live'), /^status:/m);
    const missing = await capstan('app', 'get', 'nope');
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /permission denied/);
    const badOutput = await capstan('app', 'list', '-o', 'xml');
    assert.notEqual(badOutput.code, 0);
    assert.match(badOutput.stderr, /-o xml/);

    // Manual sync: with automation off, drift stays, shows in the diff (exit 1), and a sync fixes it.
    await kubectl(
      'patch',
      'application',
      'demo',
      '-n',
      'argocd',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/spec/syncPolicy/automated"}]',
    );
    await kubectl('scale', 'deploy/web', '-n', 'demo', '--replicas=4');
    const diff = await eventually('the drift in the diff', async () => {
      const r = await capstan('app', 'diff', 'demo');
      return r.code === 1 ? r.stdout : undefined;
    });
    assert.match(diff, /-\s+replicas: 4\n\+\s+replicas: 2/);
    assert.match(await ok('app', 'sync', 'demo', '--timeout', '120'), /Phase:\s+Succeeded/);
    assert.equal(
      (await kubectl('get', 'deploy/web', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}')).trim(),
      '2',
    );
    const history = JSON.parse(await ok('app', 'history', 'demo', '-o', 'json')) as { id: number }[];
    assert.ok(history.length >= 2, 'the manual sync is in the history');
    assert.match(await ok('app', 'history', 'demo'), /^ID\s+DATE\s+REVISION/);
    assert.match(await ok('app', 'rollback', 'demo', String(history[0]!.id)), /rollback of demo/);
    const waited = parse(await ok('app', 'wait', 'demo', '--timeout', '120', '-o', 'yaml')) as {
      status: { sync: { status: string }; health: { status: string } };
    };
    assert.deepEqual([waited.status.sync.status, waited.status.health.status], ['Synced', 'Healthy']);

    // Flux verbs.
    const ks = parse(await ok('get', 'kustomizations', '-o', 'yaml')) as { metadata: { name: string } }[];
    assert.deepEqual(
      ks.map((k) => k.metadata.name),
      ['demo'],
    );
    assert.match(
      await ok('get', 'sources', 'git'),
      /flux-system\s+demo\s+main@sha1:[0-9a-f]{40}\s+False\s+True/,
    );
    assert.match(await ok('suspend', 'kustomization', 'demo'), /suspended/);
    assert.match(await ok('get', 'kustomizations'), /demo\s+\S+\s+True\s+/);
    const refused = await capstan('reconcile', 'kustomization', 'demo');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /cannot reconcile a suspended object, resume it first/);
    assert.match(await ok('resume', 'kustomization', 'demo'), /Kustomization\/flux-system\/demo resumed/);
    assert.match(
      await ok('reconcile', 'source', 'git', 'demo'),
      /GitRepository\/flux-system\/demo reconciled/,
    );
    const reconciled = JSON.parse(await ok('reconcile', 'kustomization', 'demo', '-o', 'json')) as {
      status: { lastHandledReconcileAt?: string; lastAppliedRevision?: string };
    };
    assert.match(reconciled.status.lastAppliedRevision ?? '', /^main@sha1:[0-9a-f]{40}$/);
    assert.ok(reconciled.status.lastHandledReconcileAt, 'the object as the controller left it');

    // Logout revokes the stored session; login stores a new one.
    assert.match(await ok('logout'), /Logged out/);
    const anonymous = await capstan('app', 'list');
    assert.notEqual(anonymous.code, 0);
    assert.match(anonymous.stderr, /capstan login/);
    const password = (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
    assert.match(await ok('login', up.url, '--password', password), /logged in successfully/);
    await ok('app', 'list');
  } finally {
    await up.stop();
    await rm(home, { recursive: true, force: true });
  }
});
