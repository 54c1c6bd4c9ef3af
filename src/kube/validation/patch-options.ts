import { forbidden, invalid, notSupported, required, tooLong, type FieldCause } from './field-errors.ts';

/** The patch types the API server accepts (others get 415). */
export type PatchMediaType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

export interface PatchRequestOptions {
  readonly patchType: PatchMediaType;
  readonly fieldManager?: string | undefined;
  readonly force?: boolean | undefined;
  readonly dryRun?: readonly string[] | undefined;
  readonly fieldValidation?: string | undefined;
}

export const FIELD_MANAGER_MAX_LENGTH = 128;

/** apimachinery `ValidateFieldManager`: at most 128 bytes, printable characters only. */
export function validateFieldManager(fieldManager: string): FieldCause[] {
  const out: FieldCause[] = [];
  if (Buffer.byteLength(fieldManager) > FIELD_MANAGER_MAX_LENGTH)
    out.push(tooLong('fieldManager', FIELD_MANAGER_MAX_LENGTH));
  let i = 0;
  for (const ch of fieldManager) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      out.push(invalid('fieldManager', fieldManager, `invalid character U+${hex} (at position ${i})`));
    }
    i += Buffer.byteLength(ch);
  }
  return out;
}

/**
 * apimachinery `ValidatePatchOptions` (422 Invalid when not empty): `force` only on apply,
 * `fieldManager` required for apply, dry-run only `All`, a known `fieldValidation`.
 */
export function validatePatchOptions(options: PatchRequestOptions): FieldCause[] {
  const out: FieldCause[] = [];
  if (options.patchType !== 'application/apply-patch+yaml') {
    if (options.force !== undefined) out.push(forbidden('force', 'may not be specified for non-apply patch'));
  } else if (!options.fieldManager) {
    out.push(required('fieldManager', 'is required for apply patch'));
  }
  out.push(...validateFieldManager(options.fieldManager ?? ''));
  const dryRun = options.dryRun ?? [];
  if (dryRun.some((d) => d !== 'All')) out.push(notSupported('dryRun', dryRun, ['All']));
  const fv = options.fieldValidation;
  if (fv !== undefined && fv !== '' && fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    out.push(notSupported('fieldValidation', fv, ['Ignore', 'Strict', 'Warn']));
  }
  return out;
}
