import { CapstanError } from '../../core/index.ts';

/**
 * A patch that could not be applied. `code` tells the two cases apart, because an API server
 * answers them differently: `PATCH_MALFORMED` (the patch document itself is wrong: 400) and
 * `PATCH_FAILED` (a well-formed patch that does not apply to this document: 422).
 */
export class PatchError extends CapstanError {
  constructor(message: string, code: 'PATCH_MALFORMED' | 'PATCH_FAILED', options?: { cause?: unknown }) {
    super(message, { code, cause: options?.cause });
  }
}
