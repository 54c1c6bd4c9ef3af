// managed-resources states arrive as JSON text (docs/api.md §8); these turn them into objects and
// YAML for display. Secrets are already masked by the server; nothing here sees a secret value.
import { stringify } from 'yaml';

export type Manifest = Record<string, unknown>;

/** Parses a state; `"null"`, empty or absent means the object does not exist on that side. */
export function parseState(state: string | undefined): Manifest | undefined {
  if (!state || state === 'null') return undefined;
  const value: unknown = JSON.parse(state);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Manifest) : undefined;
}

/** Drops bookkeeping the server may leave in that is noise in a manifest view. */
export function withoutNoise(obj: Manifest | undefined): Manifest | undefined {
  if (!obj) return undefined;
  const metadata = obj['metadata'];
  if (!metadata || typeof metadata !== 'object') return obj;
  const { managedFields: _m, ...rest } = metadata as Record<string, unknown>;
  return { ...obj, metadata: rest };
}

export function toYaml(obj: Manifest | undefined): string {
  if (!obj) return '';
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}
