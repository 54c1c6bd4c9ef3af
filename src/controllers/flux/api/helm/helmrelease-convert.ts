import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, isMap, specOf } from '../convert.ts';
import { migrateDeprecatedPatches } from '../patches.ts';
import { prependValuesFile } from '../source/helmchart-convert.ts';
import type { HelmRelease } from './helmrelease.ts';

/**
 * Any served HelmRelease as v2. The v2beta1 shape (`chart.spec`, `valuesFrom`, `values`,
 * `install`/`upgrade` remediation, `test`, `rollback`, `uninstall`) is v2's, so it carries over
 * as is; what v2 removed is converted: `chart.spec.valuesFile` becomes the first of
 * `valuesFiles`, and post-renderers' `patchesStrategicMerge`/`patchesJson6902` become `patches`.
 */
export function helmReleaseToInternal(obj: KubeObject): HelmRelease {
  const out = cloneAs<HelmRelease>(obj, 'v2', ['v2', 'v2beta2', 'v2beta1']);
  const spec = specOf(out);
  const chart = spec['chart'];
  if (isMap(chart) && isMap(chart['spec'])) prependValuesFile(chart['spec']);
  const renderers = spec['postRenderers'];
  if (Array.isArray(renderers)) {
    for (const renderer of renderers) {
      const kustomize = isMap(renderer) ? renderer['kustomize'] : undefined;
      if (!isMap(kustomize)) continue;
      const patches = migrateDeprecatedPatches(kustomize);
      if (patches) kustomize['patches'] = patches;
    }
  }
  return out;
}
