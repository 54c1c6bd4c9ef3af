// Diffing applications against the embedded cluster: the server-side diff (SSA dry runs) reports
// exactly what drifted, Secret values never show, a memo makes an unchanged reconcile free, and
// the legacy three-way diff agrees.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import {
  argoTracker,
  DiffMemo,
  diffResources,
  getHealth,
  reconcile,
  renderDiff,
  runSync,
  type DiffMode,
} from '../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { kubectl, startTestCluster, type TestCluster } from './support/cluster.ts';

const tracker = argoTracker();
let cluster: TestCluster;
let client: KubeClient;
const stop = new AbortController();
const signal = AbortSignal.timeout(120_000);

before(async () => {
  cluster = await startTestCluster();
  client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal: stop.signal });
});
after(async () => {
  stop.abort();
  await cluster.close();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

function desired(ns: string): KubeObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: ns },
      data: { mode: 'fast' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', namespace: ns },
      type: 'Opaque',
      data: { password: b64('hunter2') },
    },
  ];
}

/** Synced application state, then a diff of Git against the cluster. */
async function setup(
  app: string,
  ns: string,
): Promise<() => Promise<ReturnType<typeof reconcile>['resources']>> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { signal });
  const { state } = await runSync(
    { app, namespace: ns, revision: 'r1', desired: desired(ns), live: [] },
    { signal, client, tracker, waveDelayMs: 0, pollIntervalMs: 100 },
  );
  assert.equal(state.phase, 'Succeeded', state.message);
  return async () => {
    const live = (
      await Promise.all(
        desired(ns).map((d) =>
          client.get(
            { apiVersion: d.apiVersion, kind: d.kind, namespace: ns, name: d.metadata.name ?? '' },
            { signal },
          ),
        ),
      )
    ).filter((l): l is KubeObject => l !== undefined);
    const pairs = reconcile(desired(ns), live, ns, () => true).resources;
    return pairs.map((p) => ({ ...p, target: p.target && tracker.stamp(p.target, app) }));
  };
}

describe('diff against the live cluster', { concurrency: true }, () => {
  for (const mode of ['server-side', 'legacy'] as DiffMode[]) {
    it(`${mode}: an unchanged application is Synced; drift shows on exactly the drifted objects`, async () => {
      const ns = `diff-${mode}`;
      const pairs = await setup(ns, ns);
      const clean = await diffResources(await pairs(), { signal, client, mode });
      assert.equal(clean.status, 'Synced', JSON.stringify(clean.diffs.filter((d) => d.status !== 'Synced')));

      const r = await kubectl(['-n', ns, 'scale', 'deployment/web', '--replicas=5'], cluster);
      assert.equal(r.code, 0, r.stderr);
      await client.patch(
        { apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'creds' },
        { type: 'merge', body: { data: { password: b64('changed-by-hand') } } },
        { signal },
      );
      const drifted = await diffResources(await pairs(), { signal, client, mode });
      assert.equal(drifted.status, 'OutOfSync');
      assert.deepEqual(
        drifted.diffs.filter((d) => d.status === 'OutOfSync').map((d) => d.subject),
        [`Deployment/${ns}/web`, `Secret/${ns}/creds`],
      );
      const secret = drifted.diffs.find((d) => d.key.kind === 'Secret')!;
      const text = renderDiff(secret.normalizedDesired, secret.normalizedLive);
      assert.match(text, /^- {2}password: \+{12}$/m);
      assert.match(text, /^\+ {2}password: \+{8}$/m);
      for (const value of ['hunter2', 'changed-by-hand']) {
        assert.ok(
          !text.includes(b64(value)) && !JSON.stringify(drifted).includes(b64(value)),
          'no value leaks',
        );
      }
      const deploy = drifted.diffs.find((d) => d.key.kind === 'Deployment')!;
      assert.match(
        renderDiff(deploy.normalizedDesired, deploy.normalizedLive),
        /^- {2}replicas: 5\n\+ {2}replicas: 2$/m,
      );
    });
  }

  it('server-side: one dry-run batch per reconcile, none when nothing changed (memo)', async () => {
    const pairs = await setup('memo', 'diff-memo');
    // The simulated controllers write the Deployment's status until it is available; each write
    // is a new resourceVersion, which rightly means a new dry run. Start once it has settled.
    for (let end = Date.now() + 20_000; ;) {
      const d = await client.get(
        { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'diff-memo', name: 'web' },
        { signal },
      );
      if (d && getHealth(d)?.status === 'Healthy') break;
      assert.ok(Date.now() < end, 'the deployment never became healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
    const memo = new DiffMemo();
    const first = await diffResources(await pairs(), { signal, client, memo });
    assert.deepEqual([first.dryRuns, first.batches], [3, 1]);
    const second = await diffResources(await pairs(), { signal, client, memo });
    assert.deepEqual([second.dryRuns, second.batches, second.status], [0, 0, 'Synced']);
    await client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'diff-memo', name: 'settings' },
      { type: 'merge', body: { data: { mode: 'slow' } } },
      { signal },
    );
    const third = await diffResources(await pairs(), { signal, client, memo });
    assert.deepEqual([third.dryRuns, third.batches, third.status], [1, 1, 'OutOfSync']);
  });

  it('server-side: an object the cluster does not have is Missing and costs no dry run', async () => {
    await client.create(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'diff-missing' } },
      { signal },
    );
    const result = await diffResources(
      desired('diff-missing').map((target) => ({ target, live: undefined })),
      { signal, client },
    );
    assert.deepEqual(
      result.diffs.map((d) => d.reason),
      ['Missing', 'Missing', 'Missing'],
    );
    assert.equal(result.dryRuns, 0);
  });
});
