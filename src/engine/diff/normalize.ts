/**
 * What the engine compares: an object without what the server owns. Drops `status` (Argo CD's
 * `ignoreResourceStatusField: all` default; Flux strips it too), `managedFields`, server-set
 * metadata (uid, resourceVersion, generation, creationTimestamp, …), the last-applied annotation,
 * and empty label/annotation maps; folds Secret `stringData` into base64 `data`; treats an empty
 * Role `rules` list as absent. Never mutates its input.
 */
import type { KubeObject } from '../../core/index.ts';
import { LAST_APPLIED } from '../object/annotations.ts';
import { groupOf } from '../object/key.ts';
import { isObject } from '../object/path.ts';

export interface NormalizeOptions {
  /** Keep `status` in the comparison (Argo CD `ignoreResourceStatusField: none`). */
  compareStatus: boolean;
}

export const defaultNormalizeOptions: NormalizeOptions = { compareStatus: false };

const SERVER_METADATA = new Set([
  'managedFields',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

/** A deep copy of JSON data; faster than structuredClone for plain objects. */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = cloneJson((v as Record<string, unknown>)[k]);
  return out as T;
}

function normalizeMetadata(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const out: Record<string, unknown> = {};
  for (const k in meta) {
    if (SERVER_METADATA.has(k)) continue;
    const v = meta[k];
    if (k === 'annotations' && isObject(v)) {
      const { [LAST_APPLIED]: _dropped, ...rest } = v;
      if (Object.keys(rest).length > 0) out[k] = cloneJson(rest);
    } else if (k === 'labels' && isObject(v)) {
      if (Object.keys(v).length > 0) out[k] = cloneJson(v);
    } else out[k] = cloneJson(v);
  }
  return out;
}

/** Secret `stringData` becomes base64 `data` (what the server stores); null values become "". */
export function normalizeSecret(obj: Record<string, unknown>): void {
  const stringData = obj['stringData'];
  if (isObject(stringData)) {
    const data = isObject(obj['data']) ? obj['data'] : {};
    for (const [k, v] of Object.entries(stringData)) {
      data[k] = typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : v;
    }
    obj['data'] = data;
    delete obj['stringData'];
  }
  const data = obj['data'];
  if (isObject(data)) for (const k of Object.keys(data)) if (data[k] === null) data[k] = '';
}

export function normalizeObject(
  obj: KubeObject,
  options: NormalizeOptions = defaultNormalizeOptions,
): KubeObject {
  const out: Record<string, unknown> = {};
  for (const k in obj) {
    if (k === 'status' && !options.compareStatus) continue;
    out[k] = k === 'metadata' ? normalizeMetadata(obj.metadata) : cloneJson(obj[k]);
  }
  const group = groupOf(obj);
  if (group === '' && obj.kind === 'Secret') normalizeSecret(out);
  if (group === 'rbac.authorization.k8s.io' && (obj.kind === 'Role' || obj.kind === 'ClusterRole')) {
    if (Array.isArray(out['rules']) && out['rules'].length === 0) delete out['rules'];
  }
  return out as KubeObject;
}
