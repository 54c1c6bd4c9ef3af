/** The directive keys of strategic merge patch (apimachinery `strategicpatch/patch.go`). */
export const PATCH = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export type PatchDirective = 'replace' | 'delete' | 'merge';

/** True for keys that are directives and must never reach a stored object. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === PATCH ||
    key === RETAIN_KEYS ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`) ||
    key.startsWith(`${SET_ELEMENT_ORDER}/`)
  );
}

/** `merge,retainKeys` → whether retainKeys is on, and the other strategy. */
export function splitStrategy(strategy: string | undefined): { retainKeys: boolean; strategy: string } {
  if (!strategy) return { retainKeys: false, strategy: '' };
  const parts = strategy.split(',');
  const retainKeys = parts.includes('retainKeys');
  return { retainKeys, strategy: parts.find((p) => p !== 'retainKeys') ?? '' };
}
