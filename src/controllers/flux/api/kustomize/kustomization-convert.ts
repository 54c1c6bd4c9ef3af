import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, specOf } from '../convert.ts';
import { migrateDeprecatedPatches } from '../patches.ts';
import type { Kustomization } from './kustomization.ts';

/**
 * Any served Kustomization as v1: `patchesStrategicMerge` and `patchesJson6902` become
 * `patches` (Flux's documented migration); `validation` goes (server-side apply validates; Flux
 * v1 dropped the field).
 */
export function kustomizationToInternal(obj: KubeObject): Kustomization {
  const out = cloneAs<Kustomization>(obj, 'v1', ['v1', 'v1beta2']);
  const spec = specOf(out);
  const patches = migrateDeprecatedPatches(spec);
  if (patches) spec['patches'] = patches;
  delete spec['validation'];
  return out;
}
