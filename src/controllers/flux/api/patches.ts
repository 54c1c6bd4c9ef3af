import { stringify } from 'yaml';
import type { JSON6902Patch, Patch } from './meta.ts';
import { isMap, type JsonMap } from './convert.ts';

/**
 * Flux's migration of the removed kustomize fields into `patches`: each strategic merge patch
 * object becomes one patch (its YAML), each JSON6902 patch one patch (its operations as YAML)
 * with the same target. Order follows kustomize's transformer order for the old fields:
 * strategic merge patches, then `patches`, then JSON6902 patches. Deletes the old fields from
 * `holder` and returns the new `patches` (undefined when there are none).
 */
export function migrateDeprecatedPatches(holder: JsonMap): Patch[] | undefined {
  const strategic = holder['patchesStrategicMerge'];
  const json6902 = holder['patchesJson6902'];
  delete holder['patchesStrategicMerge'];
  delete holder['patchesJson6902'];
  const before: Patch[] = [];
  const after: Patch[] = [];
  if (Array.isArray(strategic)) for (const p of strategic) if (isMap(p)) before.push({ patch: stringify(p) });
  if (Array.isArray(json6902)) {
    for (const p of json6902 as JSON6902Patch[]) {
      if (!isMap(p)) continue;
      after.push({ patch: stringify(p.patch ?? []), ...(p.target ? { target: p.target } : {}) });
    }
  }
  const existing = Array.isArray(holder['patches']) ? (holder['patches'] as Patch[]) : [];
  const all = [...before, ...existing, ...after];
  return all.length > 0 ? all : undefined;
}
