import type { KubeObject } from '../../core/index.ts';
import { isBuiltin } from '../schema/lookup.ts';
import { InvalidObjectError, type FieldCause } from './field-errors.ts';
import { UPDATE_RULES, validateMetadataUpdate } from './immutable.ts';
import { validateName } from './names.ts';
import { RULES, validateLabels } from './rules.ts';

function key(o: KubeObject): string {
  return `${o.apiVersion}/${o.kind}`;
}

/**
 * The 422 causes of an object about to be created (after defaulting, as the server validates):
 * name, labels, required fields and the kind's rules. Empty when valid.
 */
export function validateCreate(obj: KubeObject): FieldCause[] {
  return [
    ...validateName(obj, isBuiltin(obj)),
    ...validateLabels(obj.metadata?.labels, 'metadata.labels'),
    ...(RULES[key(obj)]?.(obj) ?? []),
  ];
}

/** The 422 causes of an update from `prev` to `next`: everything of a create plus immutable fields. */
export function validateUpdate(next: KubeObject, prev: KubeObject): FieldCause[] {
  return [
    ...validateMetadataUpdate(next, prev),
    ...validateCreate(next),
    ...(UPDATE_RULES[key(next)]?.(next, prev) ?? []),
  ];
}

/** Throws `InvalidObjectError` (422) when there are causes. */
export function assertValid(obj: KubeObject, causes: readonly FieldCause[]): void {
  if (causes.length > 0) throw new InvalidObjectError(obj, causes);
}
