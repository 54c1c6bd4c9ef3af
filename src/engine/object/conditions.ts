/** The `status.conditions[]` convention shared by built-in kinds, Flux and most operators. */
import { getPath, isObject } from './path.ts';

export interface Condition {
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export function conditionsOf(obj: unknown): Condition[] {
  const list = getPath(obj, ['status', 'conditions']);
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is Condition => isObject(c) && typeof c['type'] === 'string');
}

export function findCondition(obj: unknown, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

export function hasCondition(obj: unknown, type: string, status: string): boolean {
  return conditionsOf(obj).some((c) => c.type === type && c.status === status);
}
