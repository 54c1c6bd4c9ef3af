/**
 * Secret values never reach a diff, a log or the UI. As Argo CD (`HideSecretData`): every value of
 * `data` is replaced by plus signs, `++++++++` for the first distinct value of a key, four more for
 * each further distinct value, so a changed value still shows as a change and an unchanged one
 * shows equal. The last-applied annotation, which carries the values too, is masked the same way.
 */
import type { KubeObject } from '../../core/index.ts';
import { SECRET_MASK } from '../../core/index.ts';
import { LAST_APPLIED } from '../object/annotations.ts';
import { groupOf } from '../object/key.ts';
import { isObject } from '../object/path.ts';
import { cloneJson, normalizeSecret } from './normalize.ts';

export function isSecret(obj: KubeObject | undefined): boolean {
  return obj !== undefined && obj.kind === 'Secret' && groupOf(obj) === '';
}

function lastApplied(obj: KubeObject | undefined): Record<string, unknown> | undefined {
  const raw = obj?.metadata.annotations?.[LAST_APPLIED];
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Masked copies of a desired and a live Secret (either may be absent). Other kinds pass through. */
export function maskSecrets(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
): { desired: KubeObject | undefined; live: KubeObject | undefined } {
  if (!isSecret(desired ?? live)) return { desired, live };
  const d = desired && cloneJson(desired);
  const l = live && cloneJson(live);
  const applied = lastApplied(l);
  const all = [d, l, applied].filter((o): o is Record<string, unknown> => o !== undefined);
  for (const o of all) normalizeSecret(o);
  const keys = new Set(all.flatMap((o) => (isObject(o['data']) ? Object.keys(o['data']) : [])));
  for (const key of [...keys].sort()) {
    const masks = new Map<string, string>();
    let next = SECRET_MASK;
    for (const o of all) {
      const data = o['data'];
      if (!isObject(data) || !(key in data)) continue;
      const value = typeof data[key] === 'string' ? data[key] : JSON.stringify(data[key]);
      let mask = masks.get(value);
      if (mask === undefined) {
        mask = next;
        masks.set(value, mask);
        next += '++++';
      }
      data[key] = mask;
    }
  }
  if (l && applied)
    l.metadata = {
      ...l.metadata,
      annotations: { ...l.metadata.annotations, [LAST_APPLIED]: JSON.stringify(applied) },
    };
  return { desired: d, live: l };
}
