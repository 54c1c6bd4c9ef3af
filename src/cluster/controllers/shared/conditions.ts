import type { Condition } from './pods.ts';

/**
 * Sets a status condition the way the workload controllers do: an unchanged status and reason
 * leaves the condition alone; a changed reason with the same status keeps lastTransitionTime.
 * Returns the new list (the old one is not changed).
 */
export function setCondition(conditions: Condition[] | undefined, next: Condition): Condition[] {
  const list = conditions ?? [];
  const current = list.find((c) => c.type === next.type);
  if (
    current &&
    current.status === next.status &&
    current.reason === next.reason &&
    current.message === next.message
  )
    return list;
  const merged = { ...next };
  if (current && current.status === next.status && current.lastTransitionTime)
    merged.lastTransitionTime = current.lastTransitionTime;
  return [...list.filter((c) => c.type !== next.type), merged];
}

export function removeCondition(conditions: Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}
