// Structured selectors are kube's (one implementation with validation's); the map form is here.
export { labelSelectorMatches as selectorMatches, type LabelSelector } from '../../../kube/index.ts';

/** A plain map selector (Services, ReplicationControllers): every pair must match; empty matches nothing. */
export function mapSelectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}
