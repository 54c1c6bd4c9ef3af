import { CapstanError } from '../../core/index.ts';
import type { FieldProblem } from './strict-decode.ts';

/** The `fieldValidation` query parameter. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** What the server assumes when a request does not say (kubectl sends Strict itself). */
export const defaultFieldValidation: FieldValidation = 'Warn';

/**
 * A body with unknown or duplicate fields under `fieldValidation=Strict` (HTTP 400 BadRequest).
 * `statusMessage` is the API server's: `strict decoding error: unknown field "spec.foo", duplicate
 * field "spec.replicas"`.
 */
export class StrictDecodingError extends CapstanError {
  readonly problems: readonly FieldProblem[];
  readonly statusMessage: string;

  constructor(problems: readonly FieldProblem[], objectName?: string) {
    const statusMessage = `strict decoding error: ${problems.map((p) => p.message).join(', ')}`;
    super(objectName ? `${objectName}: ${statusMessage}` : statusMessage, { code: 'STRICT_DECODING' });
    this.problems = problems;
    this.statusMessage = statusMessage;
  }
}

/** Parses the query parameter; anything else is a 400 upstream ("fieldValidation" NotSupported). */
export function parseFieldValidation(value: string | undefined | null): FieldValidation | undefined {
  if (value === undefined || value === null || value === '') return defaultFieldValidation;
  return value === 'Strict' || value === 'Warn' || value === 'Ignore' ? value : undefined;
}

/**
 * Applies the mode to what decoding found: throws `StrictDecodingError` under Strict, returns the
 * texts for `Warning: 299 - "<text>"` headers under Warn, nothing under Ignore.
 */
export function enforceFieldValidation(
  problems: readonly FieldProblem[],
  mode: FieldValidation,
  objectName?: string,
): string[] {
  if (problems.length === 0 || mode === 'Ignore') return [];
  if (mode === 'Strict') throw new StrictDecodingError(problems, objectName);
  return problems.map((p) => p.message);
}
