// `/metrics` of `capstan up` as a Prometheus scrape sees it: after the demo is reconciled, the
// controllers' series are there with Argo CD's and Flux's names and plausible values — a
// Succeeded sync of the demo Application, its reconcile histogram and info gauge, the demo
// Kustomization Ready=True, the work queues' depth, git fetches timed — and a repository URL
// with credentials in it shows up in the labels without them. Also: the periodic garbage
// collection of artifacts removes those of a deleted GitRepository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCapstan, type RunningCapstan } from '../src/app/index.ts';
import { eventually } from './support/up-process.ts';

let capstan: RunningCapstan;
let dataDir: string;
let token: string;
const stop = new AbortController();
const SECRET = 's3cret-Metrics-Pass';

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'capstan-metrics-'));
  capstan = await startCapstan({
    signal: stop.signal,
    dataDir,
    port: 0,
    uiDir: undefined,
    storeCliContext: false,
    // Collected often, and without the minute of grace, so deletion is seen within the test.
    sourceGcIntervalMs: 500,
    artifactRetention: { maxCount: 2, maxAgeMs: 0 },
  });
  const password = (await readFile(capstan.adminPasswordPath, 'utf8')).trim();
  const res = await fetch(`${capstan.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  assert.equal(res.status, 200);
  token = ((await res.json()) as { token: string }).token;
});

after(async () => {
  await capstan?.close();
  stop.abort();
  await rm(dataDir, { recursive: true, force: true });
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, parsed just enough: one sample per non-comment line. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${capstan.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await res.text();
  return { text, samples: parse(text) };
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

test('/metrics: reconciles, syncs, conditions, queues and git fetches of the demo', async () => {
  const anonymous = await fetch(`${capstan.url}/metrics`);
  assert.equal(anonymous.status, 401, 'metrics need a session');

  // A second GitRepository whose URL carries credentials (the demo's git server ignores them),
  // by `localhost` so its label differs from the demo's `127.0.0.1` once they are stripped.
  const repoUrl = new URL(`${capstan.url}/git/demo`);
  repoUrl.hostname = 'localhost';
  const stripped = repoUrl.toString();
  repoUrl.username = 'metrics-user';
  repoUrl.password = SECRET;
  await capstan.client.create(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'with-credentials', namespace: 'flux-system' },
      spec: { url: repoUrl.toString(), interval: '10m', ref: { branch: 'main' } },
    },
    { signal: stop.signal },
  );

  const { text, samples } = await eventually(
    'the demo synced, Ready, and both repositories fetched, in /metrics',
    async () => {
      const s = await scrape();
      const synced = find(s.samples, 'argocd_app_sync_total', { name: 'demo', phase: 'Succeeded' });
      const ready = find(s.samples, 'gotk_reconcile_condition', {
        kind: 'Kustomization',
        name: 'demo',
        type: 'Ready',
        status: 'True',
      });
      const fetched = find(s.samples, 'capstan_git_fetch_duration_seconds_count', { result: 'success' });
      const info = find(s.samples, 'argocd_app_info', { name: 'demo', sync_status: 'Synced' });
      const missing = [
        !synced.some((x) => x.value >= 1) && 'a Succeeded sync of demo',
        !ready.some((x) => x.value === 1) && 'Kustomization/demo Ready=True',
        fetched.length < 2 && `2 repositories fetched (${fetched.map((f) => f.labels['repo']).join(', ')})`,
        info.length !== 1 && 'argocd_app_info of demo Synced',
      ].filter(Boolean);
      // Thrown, so a timeout names what was still missing.
      if (missing.length > 0) throw new Error(`missing: ${missing.join('; ')}`);
      return s;
    },
    150_000,
  );

  // Argo CD: the sync counted with its project, the reconciles timed per destination.
  const sync = find(samples, 'argocd_app_sync_total', { name: 'demo', phase: 'Succeeded' })[0]!;
  assert.equal(sync.labels['namespace'], 'argocd');
  assert.equal(sync.labels['project'], 'default');
  const reconciles = find(samples, 'argocd_app_reconcile_count', { namespace: 'argocd' });
  assert.ok(
    reconciles.some((r) => r.value >= 1 && r.labels['dest_server'] !== undefined),
    'argocd_app_reconcile observed',
  );
  const sum = find(samples, 'argocd_app_reconcile_sum', { namespace: 'argocd' });
  assert.ok(
    sum.some((r) => r.value > 0 && r.value < 600),
    'reconcile seconds plausible',
  );
  const info = find(samples, 'argocd_app_info', { name: 'demo' })[0]!;
  assert.equal(info.value, 1);
  assert.equal(info.labels['health_status'], 'Healthy');
  assert.equal(info.labels['autosync_enabled'], 'true');

  // Flux: durations per object, Ready=True is 1 and its other statuses 0.
  for (const kind of ['Kustomization', 'GitRepository']) {
    const d = find(samples, 'gotk_reconcile_duration_seconds_count', { kind, name: 'demo' });
    assert.ok(d.length === 1 && d[0]!.value >= 1, `gotk_reconcile_duration_seconds for ${kind}/demo`);
  }
  assert.equal(
    find(samples, 'gotk_reconcile_condition', {
      kind: 'Kustomization',
      name: 'demo',
      type: 'Ready',
      status: 'False',
    })[0]?.value,
    0,
  );

  // The work queues of all three controllers, idle or nearly so.
  for (const name of ['app_reconciliation_queue', 'kustomization', 'gitrepository']) {
    const depth = find(samples, 'workqueue_depth', { name });
    assert.equal(depth.length, 1, `workqueue_depth{name="${name}"}`);
    assert.ok(depth[0]!.value >= 0 && depth[0]!.value < 100);
  }

  for (const controller of ['application', 'kustomization', 'gitrepository']) {
    // Argo CD's reconciles end in `requeue_after` (the periodic refresh), Flux's too (the interval).
    const totals = find(samples, 'controller_runtime_reconcile_total', { controller });
    assert.ok(
      totals.some((t) => t.value >= 1 && ['success', 'requeue_after'].includes(t.labels['result']!)),
      `controller_runtime_reconcile_total of ${controller}: ${JSON.stringify(totals)}`,
    );
  }

  // Git: both repositories fetched, the one with credentials labelled without them.
  const repos = find(samples, 'capstan_git_fetch_duration_seconds_count').map((s) => s.labels['repo']);
  assert.ok(repos.includes(`${capstan.url}/git/demo`), `demo repo in ${repos.join(', ')}`);
  assert.ok(repos.includes(stripped), `${stripped} in ${repos.join(', ')}`);
  // Argo CD's git request series: every remote git process, by subcommand, credentials stripped.
  for (const type of ['ls-remote', 'fetch']) {
    const requests = find(samples, 'argocd_git_request_total', { request_type: type });
    assert.ok(
      requests.some((r) => r.labels['repo'] === `${capstan.url}/git/demo` && r.value >= 1),
      `argocd_git_request_total{request_type="${type}"} of the demo: ${JSON.stringify(requests)}`,
    );
    const timed = find(samples, 'argocd_git_request_duration_seconds_count', { request_type: type });
    assert.ok(
      timed.some((r) => r.value >= 1),
      `argocd_git_request_duration_seconds of ${type}`,
    );
  }
  assert.ok(
    find(samples, 'argocd_git_request_total').some((r) => r.labels['repo'] === stripped),
    'the repository with credentials counted under its stripped URL',
  );
  assert.ok(!text.includes(SECRET), 'the password never appears in /metrics');
  assert.ok(!text.includes('metrics-user'), 'nor the user name');
});

test('a deleted GitRepository loses its artifact to the periodic source garbage collection', async () => {
  const key = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    namespace: 'flux-system',
    name: 'short-lived',
  };
  await capstan.client.create(
    {
      apiVersion: key.apiVersion,
      kind: key.kind,
      metadata: { name: key.name, namespace: key.namespace },
      spec: { url: `${capstan.url}/git/demo`, interval: '10m', ref: { branch: 'main' } },
    },
    { signal: stop.signal },
  );
  const artifactUrl = await eventually('the GitRepository has an artifact', async () => {
    const repo = (await capstan.client.get(key, { signal: stop.signal })) as
      { status?: { artifact?: { url?: string } } } | undefined;
    const url = repo?.status?.artifact?.url;
    if (!url) throw new Error('no artifact yet');
    return url;
  });
  const authed = { headers: { authorization: `Bearer ${token}` } };
  assert.equal((await fetch(artifactUrl, authed)).status, 200, 'the artifact is served');
  await capstan.client.delete(key, { signal: stop.signal });
  await eventually(
    'the artifact removed',
    async () => {
      const status = (await fetch(artifactUrl, authed)).status;
      if (status !== 404) throw new Error(`still served: ${status}`);
      return true;
    },
    30_000,
  );
  // The demo's own artifact, whose object lives, is still there.
  const demo = (await capstan.client.get({ ...key, name: 'demo' }, { signal: stop.signal })) as unknown as {
    status: { artifact: { url: string } };
  };
  assert.equal((await fetch(demo.status.artifact.url, authed)).status, 200);
});
