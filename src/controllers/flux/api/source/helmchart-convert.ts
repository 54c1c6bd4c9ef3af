import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, specOf } from '../convert.ts';
import type { HelmChart } from './helmchart.ts';

/**
 * Any served HelmChart as v1: `valuesFile` (merged first in v1beta2) becomes the first of
 * `valuesFiles` unless already listed; `accessFrom` goes (v1 dropped it).
 */
export function helmChartToInternal(obj: KubeObject): HelmChart {
  const out = cloneAs<HelmChart>(obj, 'v1', ['v1', 'v1beta2']);
  const spec = specOf(out);
  prependValuesFile(spec);
  delete spec['accessFrom'];
  return out;
}

/** Shared with HelmRelease's `chart.spec`, which had the same deprecated field. */
export function prependValuesFile(spec: Record<string, unknown>): void {
  const single = spec['valuesFile'];
  delete spec['valuesFile'];
  if (typeof single !== 'string' || single === '') return;
  const files = Array.isArray(spec['valuesFiles']) ? (spec['valuesFiles'] as string[]) : [];
  spec['valuesFiles'] = files.includes(single) ? files : [single, ...files];
}
