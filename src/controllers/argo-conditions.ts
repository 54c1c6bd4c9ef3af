import { formatTime } from './conditions.ts';

/**
 * Argo CD's `Application.status.conditions[]`: no status or reason, only a type
 * (`ComparisonError`, `InvalidSpecError`, `SyncError`, `OrphanedResourceWarning`…) and a message.
 */
export interface ArgoCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

/**
 * Argo CD's `ApplicationStatus.SetConditions`: replaces the conditions of the `evaluated` types with
 * `next` (types not evaluated this time are kept as they were), keeps an existing condition's
 * `lastTransitionTime` when its message did not change, and sorts by type and message. Returns a
 * new array.
 */
export function setArgoConditions(
  existing: readonly ArgoCondition[],
  next: readonly ArgoCondition[],
  evaluated: Iterable<string>,
  now: Date = new Date(),
): ArgoCondition[] {
  const types = new Set(evaluated);
  const time = formatTime(now);
  const out: ArgoCondition[] = [];
  for (const c of existing) {
    if (!types.has(c.type)) out.push({ ...c, lastTransitionTime: c.lastTransitionTime ?? time });
  }
  for (const c of next) {
    const old = existing.find((e) => e.type === c.type);
    out.push(
      old !== undefined && old.message === c.message
        ? old
        : { ...c, lastTransitionTime: c.lastTransitionTime ?? time },
    );
  }
  const key = (c: ArgoCondition): string => `${c.type}/${c.message}/${c.lastTransitionTime ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
