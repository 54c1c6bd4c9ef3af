/**
 * Secret values never leave Capstan in the clear: not in an API response, a diff or a log. This is
 * Argo CD's rule (`HideSecretData`): every value under `data` (and `stringData`) becomes plus
 * signs, `++++++++` for the first distinct value of a key and four more for each further distinct
 * value across the objects masked together, so two versions of a Secret still show which keys
 * changed and which did not. A `stringData` value counts as the base64 of itself, so it masks like
 * the same value under `data`. The `kubectl.kubernetes.io/last-applied-configuration` annotation
 * carries the values too and is masked as one more object of the set.
 *
 * It lives in `kube` because it is knowledge of the Secret type that several modules need: the
 * server masks every response with it and the engine masks diffs.
 */
import { SECRET_MASK, type KubeObject } from '../../core/index.ts';

import { LAST_APPLIED_ANNOTATION } from '../ssa/last-applied.ts';

type Json = Record<string, unknown>;

const isJsonObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A core-group Secret (`apiVersion: v1`, `kind: Secret`). */
export function isSecret(value: unknown): value is KubeObject {
  return isJsonObject(value) && value['kind'] === 'Secret' && value['apiVersion'] === 'v1';
}

/** True when every value under `data` and `stringData` is already a mask (masking is then a no-op). */
export function isMaskedSecret(obj: KubeObject): boolean {
  for (const field of ['data', 'stringData']) {
    const values = obj[field];
    if (!isJsonObject(values)) continue;
    for (const v of Object.values(values)) if (typeof v !== 'string' || !/^\++$/.test(v)) return false;
  }
  return true;
}

/**
 * Masked deep copies of the given objects; Secrets are masked together (one value, one mask),
 * anything else (and `undefined`) comes back as it was.
 */
export function maskSecretData<T extends KubeObject | undefined>(objects: readonly T[]): T[] {
  const copies = objects.map((o) => (isSecret(o) ? (structuredClone(o) as T) : o));
  const secrets: KubeObject[] = copies.filter((o): o is T & KubeObject => isSecret(o));
  if (secrets.length === 0) return copies;
  const applied = secrets.map(lastApplied);
  const all: Json[] = [...secrets, ...applied.filter((a): a is Json => a !== undefined)];

  const masks = new Map<string, Map<string, string>>();
  const maskFor = (key: string, value: string): string => {
    let byValue = masks.get(key);
    if (!byValue) masks.set(key, (byValue = new Map<string, string>()));
    let mask = byValue.get(value);
    if (mask === undefined) {
      mask = SECRET_MASK + '++++'.repeat(byValue.size);
      byValue.set(value, mask);
    }
    return mask;
  };
  for (const o of all) {
    for (const field of ['data', 'stringData']) {
      const values = o[field];
      if (!isJsonObject(values)) continue;
      for (const key of Object.keys(values).sort()) {
        const raw = values[key];
        const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
        values[key] = maskFor(key, field === 'stringData' ? Buffer.from(text).toString('base64') : text);
      }
    }
  }
  secrets.forEach((s, i) => {
    const a = applied[i];
    if (a !== undefined)
      s.metadata.annotations = { ...s.metadata.annotations, [LAST_APPLIED_ANNOTATION]: JSON.stringify(a) };
  });
  return copies;
}

function lastApplied(obj: KubeObject): Json | undefined {
  const raw = obj.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
