// Server-side apply and strategic merge patch throughput on a ~200-line Deployment, against a
// side-by-side reference: structuredClone plus an RFC 7386 merge patch of the same object, the
// cheapest merge a server could do. Figures are per operation on the whole object.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../src/core/index.ts';
import {
  applyDefaults,
  applyServerSide,
  createThreeWayMergePatch,
  schemaFor,
  strategicMergePatch,
  trackUpdate,
} from '../src/kube/index.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB, opsPerSecond } from './measure.ts';

const manifest = parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'deployment-200.yaml'), 'utf8'),
) as KubeObject;
const schema = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;
const now = (): Date => new Date('2026-01-01T00:00:00Z');

/** RFC 7386 merge patch, the reference. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function withReplicas(obj: KubeObject, replicas: number): KubeObject {
  const copy = structuredClone(obj);
  (copy.spec as Record<string, unknown>).replicas = replicas;
  return copy;
}

export async function run(): Promise<BenchResult> {
  // A live object as the cluster stores it: created by an apply, defaulted, with managedFields.
  const created = applyServerSide({
    live: undefined,
    config: manifest,
    manager: 'capstan',
    now,
    force: true,
  }).object;
  created.metadata.uid = 'uid-1';
  created.metadata.resourceVersion = '1';
  // Another manager owns something, as an HPA would.
  const live = trackUpdate({ live: created, object: withReplicas(created, 4), manager: 'hpa', now }).object;
  const changed = withReplicas(manifest, 4);
  (changed.metadata.labels as Record<string, string>)['app.kubernetes.io/version'] = '2.14.4';

  let flip = 0;
  const apply = (): unknown => {
    const config = flip++ % 2 === 0 ? changed : manifest;
    return applyServerSide({ live, config, manager: 'capstan', now, force: true });
  };
  // Warm up the JIT and the schema caches so the figures are steady-state.
  for (let i = 0; i < 300; i++) apply();
  const applies = await opsPerSecond(apply, 2000);
  const driftCheck = withoutReplicas(manifest);
  const dryRuns = await opsPerSecond(() => {
    const r = applyServerSide({ live, config: driftCheck, manager: 'capstan', now });
    if (r.changed) throw new Error('the drift check should be a no-op');
    return r;
  }, 2000);

  const lastApplied = structuredClone(manifest);
  const modified = structuredClone(changed);
  const patch = createThreeWayMergePatch(lastApplied, modified, live, schema);
  const smpCreate = await opsPerSecond(
    () => createThreeWayMergePatch(lastApplied, modified, live, schema),
    2000,
  );
  const smpApply = await opsPerSecond(() => {
    const out = strategicMergePatch(live, patch, schema) as KubeObject;
    applyDefaults(out);
    return out;
  }, 2000);
  const mergeRef = { metadata: { labels: { 'app.kubernetes.io/version': '2.14.4' } }, spec: { replicas: 4 } };
  const reference = await opsPerSecond(() => mergePatch(structuredClone(live), mergeRef), 2000);
  const mem = memoryMiB();
  const ratio = (x: number): string => fmt(reference.perSecond / x, 1);
  return {
    name: 'Server-side apply and strategic merge patch (197-line Deployment)',
    lines: [
      `SSA apply (changes, managedFields, defaulting): ${fmt(applies.perSecond)}/s (${ratio(applies.perSecond)}x the reference's time)`,
      `SSA dry-run apply (no-op, drift check): ${fmt(dryRuns.perSecond)}/s (${ratio(dryRuns.perSecond)}x)`,
      `SMP apply of kubectl's three-way patch (+ defaulting): ${fmt(smpApply.perSecond)}/s (${ratio(smpApply.perSecond)}x)`,
      `SMP three-way patch creation (kubectl apply): ${fmt(smpCreate.perSecond)}/s (${ratio(smpCreate.perSecond)}x)`,
      `reference structuredClone + JSON merge patch: ${fmt(reference.perSecond)}/s`,
      `target: ≥ 1,000 SSA applies/s and dry-runs/s on 2 cores`,
      `memory: rss ${mem.rss} MiB, heap ${mem.heap} MiB`,
    ],
  };
}

/** The configuration a drift check applies: what the file says, which the live object already has. */
function withoutReplicas(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  delete (copy.spec as Record<string, unknown>).replicas;
  return copy;
}
