/**
 * The one internal form per Flux kind is its storage version's shape, without the deprecated
 * fields of older versions (they are converted into their replacements). With conversion
 * `None` an object reads back under whichever version is asked for, so converters go by which
 * fields are present, not only by `apiVersion`: a Kustomization applied as v1beta2 and read as
 * v1 still carries `patchesStrategicMerge`, and still converts.
 */
import { CapstanError, formatRef, parseApiVersion, type KubeObject } from '../../../core/index.ts';

/** An object of a Flux group whose kind or version Capstan does not serve. */
export class FluxConversionError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'FLUX_VERSION_NOT_SERVED' });
  }
}

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy of `obj` under `apiVersion`, after checking its version is one of `served`. */
export function cloneAs<T extends KubeObject>(
  obj: KubeObject,
  storage: string,
  served: readonly string[],
): T {
  const { group, version } = parseApiVersion(obj.apiVersion);
  if (!served.includes(version)) {
    throw new FluxConversionError(
      `${formatRef(obj)}: ${obj.apiVersion} is not served; ${obj.kind} is served as ${served.map((v) => `${group}/${v}`).join(', ')}`,
    );
  }
  const copy = structuredClone(obj) as JsonMap;
  copy['apiVersion'] = `${group}/${storage}`;
  if (!isMap(copy['spec'])) copy['spec'] = {};
  return copy as T;
}

/** The object's spec as a mutable map (present after `cloneAs`). */
export function specOf(obj: KubeObject): JsonMap {
  return obj['spec'] as JsonMap;
}

export function versionOf(obj: KubeObject): string {
  return parseApiVersion(obj.apiVersion).version;
}
