import type { KubeObject } from '../../../core/index.ts';
import { canonicalJson, normalizedTemplate } from '../shared/hash.ts';
import {
  DESIRED_REPLICAS,
  HASH_LABEL,
  MAX_REPLICAS,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  type Deployment,
  type ReplicaSet,
} from './types.ts';

const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** Normalized templates, cached by object uid and generation (they are hashed often). */
const templates = new Map<string, { generation: number; json: string }>();

export function templateKey(o: KubeObject, template: unknown, dropHash: boolean): string {
  const uid = o.metadata.uid ?? '';
  const generation = o.metadata.generation ?? 0;
  const hit = templates.get(uid);
  if (hit && hit.generation === generation) return hit.json;
  const json = canonicalJson(normalizedTemplate(template, dropHash ? HASH_LABEL : undefined));
  templates.set(uid, { generation, json });
  if (templates.size > 50_000) templates.delete(templates.keys().next().value!);
  return json;
}

/** `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's, hash label aside. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const want = templateKey(d, d.spec.template, false);
  return [...rsList].sort(byCreation).find((rs) => templateKey(rs, rs.spec.template, true) === want);
}

export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

export function maxRevision(list: ReplicaSet[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/**
 * `SetNewReplicaSetAnnotations`: the Deployment's own annotations (but the controller's), the
 * revision (an older one moves to revision-history), and on creation the desired/max replicas.
 * Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
  surge: number,
): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[REVISION];
  if (Number(old ?? 0) < newRevision) {
    a[REVISION] = String(newRevision);
    if (old) {
      const history = a[REVISION_HISTORY];
      a[REVISION_HISTORY] = history ? `${history},${old}` : old;
    }
    changed = true;
  }
  if (!exists && setReplicasAnnotations(rs, d.spec.replicas, d.spec.replicas + surge)) changed = true;
  return changed;
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  if (a[DESIRED_REPLICAS] === String(desired) && a[MAX_REPLICAS] === String(max)) return false;
  a[DESIRED_REPLICAS] = String(desired);
  a[MAX_REPLICAS] = String(max);
  return true;
}

export const activeReplicaSets = (list: (ReplicaSet | undefined)[]): ReplicaSet[] =>
  list.filter((rs): rs is ReplicaSet => rs !== undefined && rs.spec.replicas > 0);

export const sumReplicas = (list: (ReplicaSet | undefined)[]): number =>
  list.reduce((n, rs) => n + (rs?.spec.replicas ?? 0), 0);

export const sumStatus = (
  list: (ReplicaSet | undefined)[],
  field: 'replicas' | 'readyReplicas' | 'availableReplicas',
): number => list.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
