/**
 * The one error base class. Every failure Capstan reports is a subclass with a stable `code`
 * (machine-readable, never reworded) and a message that starts with the object it concerns,
 * e.g. `Deployment/prod/web: apply failed: …`.
 */
export class CapstanError extends Error {
  /** Stable identifier for programs; subclasses override it. */
  readonly code: string;

  constructor(message: string, options?: { code?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options?.code ?? 'CAPSTAN_ERROR';
  }
}

/**
 * A failure that retrying cannot fix (invalid spec, forbidden by policy). Reconcilers stop
 * requeueing on it, as controller-runtime does with `TerminalError`.
 */
export class TerminalError extends CapstanError {
  constructor(message: string, options?: { code?: string; cause?: unknown }) {
    super(message, { code: options?.code ?? 'TERMINAL', cause: options?.cause });
  }
}

/** Raised when an operation stops because its AbortSignal fired. */
export class AbortedError extends CapstanError {
  constructor(message = 'operation aborted', options?: { cause?: unknown }) {
    super(message, { code: 'ABORTED', cause: options?.cause });
  }
}

/** True for errors that should not be retried. */
export function isTerminal(err: unknown): boolean {
  return err instanceof TerminalError;
}

/** The message of any thrown value, for places that must print something. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** The `code` of any thrown value, or undefined when it has none. */
export function errorCode(err: unknown): string | undefined {
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}
