// Re-diffing unchanged objects is what every reconcile does when nothing changed, so its cost sets
// how many objects one controller can watch. Measures compareObject over 10k unchanged
// Deployments (normalize both sides + compare), in server-side mode (dry-run result given) and in
// the legacy mode (three-way merge + known defaults), against JSON.stringify equality of the same
// pairs as the reference, plus memory.
import type { KubeObject } from '../src/core/index.ts';
import { compareObject } from '../src/engine/index.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const COUNT = 10_000;

function desired(i: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'bench', labels: { app: `app-${i}`, tier: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'MODE', value: 'production' }],
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** The same object as the API server stores it: defaults, server metadata, managedFields, status. */
function live(d: KubeObject, i: number): KubeObject {
  const o = structuredClone(d);
  o.metadata = {
    ...o.metadata,
    uid: `uid-${i}`,
    resourceVersion: String(1000 + i),
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    managedFields: [
      {
        manager: 'argocd-controller',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:template': {} } },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        fieldsV1: { 'f:status': {} },
      },
    ],
  };
  const spec = o['spec'] as Record<string, unknown>;
  Object.assign(spec, {
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  });
  const pod = (spec['template'] as { spec: Record<string, unknown> }).spec;
  Object.assign(pod, {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: {},
  });
  for (const c of pod['containers'] as Record<string, unknown>[]) {
    Object.assign(c, {
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    for (const p of c['ports'] as Record<string, unknown>[]) p['protocol'] = 'TCP';
  }
  o['status'] = {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
  };
  return o;
}

async function perSecond(fn: () => unknown, minMs = 1500): Promise<number> {
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    rounds++;
  }
  return (rounds * COUNT * 1000) / (performance.now() - start);
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const pairs = Array.from({ length: COUNT }, (_, i) => {
    const d = desired(i);
    return { desired: d, live: live(d, i), predicted: live(d, i) };
  });
  const heapBefore = process.memoryUsage().heapUsed;
  let synced = 0;
  const serverSide = await perSecond(async () => {
    synced = 0;
    for (const p of pairs) {
      const r = await compareObject(
        { desired: p.desired, live: p.live, predictedLive: p.predicted },
        { signal },
      );
      if (r.status === 'Synced') synced++;
    }
  });
  if (synced !== COUNT)
    throw new Error(`server-side: ${COUNT - synced} unchanged objects reported OutOfSync`);
  const legacy = await perSecond(async () => {
    synced = 0;
    for (const p of pairs) {
      const r = await compareObject({ desired: p.desired, live: p.live }, { signal });
      if (r.status === 'Synced') synced++;
    }
  });
  if (synced !== COUNT) throw new Error(`legacy: ${COUNT - synced} unchanged objects reported OutOfSync`);
  let equal = 0;
  const reference = await perSecond(() => {
    equal = 0;
    for (const p of pairs) if (JSON.stringify(p.predicted) === JSON.stringify(p.live)) equal++;
  });
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  const mem = memoryMiB();
  return {
    name: `engine diff: re-compare ${fmt(COUNT)} unchanged Deployments`,
    lines: [
      `server-side (dry-run given): ${fmt(serverSide)} objects/s (${fmt((COUNT / serverSide) * 1000)} ms per 10k)`,
      `legacy (3-way merge + defaults): ${fmt(legacy)} objects/s (${fmt((COUNT / legacy) * 1000)} ms per 10k)`,
      `JSON.stringify equality reference: ${fmt(reference)} pairs/s (${equal} equal); server-side is ${fmt(reference / serverSide, 1)}x, legacy ${fmt(reference / legacy, 1)}x its cost`,
      `memory: rss ${mem.rss} MiB, heap ${mem.heap} MiB (heap grew ${fmt(heapDelta, 1)} MiB while diffing)`,
    ],
  };
}
