import { jsonRoundTrip } from '../yaml/index.ts';
import { wrap } from './errors.ts';

/**
 * kustomize hands each built-in plugin its config as YAML (sigs.k8s.io/yaml Marshal, then
 * Unmarshal), so config strings take the JSON → YAML round trip: raw control characters fail, a
 * NEL becomes a space.
 */
export function viaPluginConfig<T>(v: T, plugin: string): T {
  const map = (x: unknown): unknown => {
    if (typeof x === 'string') return jsonRoundTrip(x);
    if (Array.isArray(x)) return x.map(map);
    if (x !== null && typeof x === 'object')
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [jsonRoundTrip(k), map(y)]));
    return x;
  };
  try {
    return map(v) as T;
  } catch (err) {
    throw wrap(err, `builtin ${plugin} marshal`);
  }
}
