import { CapstanError } from '../../core/index.ts';

/**
 * A kustomize build failure. The message follows kustomize's own wording (prefix chain such as
 * `accumulating resources: …`) so users can search for it, and names the directory built.
 */
export class KustomizeError extends CapstanError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, { code: options?.code ?? 'KUSTOMIZE_FAILED', cause: options?.cause });
  }
}

/** `errors.WrapPrefixf`: a new error whose message is `prefix: cause`. */
export function wrap(err: unknown, prefix: string): KustomizeError {
  const msg = err instanceof Error ? err.message : String(err);
  return new KustomizeError(`${prefix}: ${msg}`, { cause: err });
}

export function fail(message: string): never {
  throw new KustomizeError(message);
}
