import { CapstanError, formatRef, type KubeObject } from '../../core/index.ts';
import type { TypedIssue } from './typed.ts';

function prefix(object: Pick<KubeObject, 'kind' | 'metadata'> | undefined): string {
  return object?.kind && object.metadata?.name ? `${formatRef(object as KubeObject)}: ` : '';
}

/**
 * An apply request the server rejects with 400 BadRequest before merging: managedFields in the
 * configuration, a version or kind that differs from the endpoint's. `statusMessage` is the text a
 * real API server returns.
 */
export class SsaBadRequestError extends CapstanError {
  readonly statusMessage: string;

  constructor(object: Pick<KubeObject, 'kind' | 'metadata'> | undefined, statusMessage: string) {
    super(`${prefix(object)}${statusMessage}`, { code: 'SSA_BAD_REQUEST' });
    this.statusMessage = statusMessage;
  }
}

/**
 * An applied configuration that cannot be typed: duplicate list keys, list items without their
 * keys. Real API servers answer 500 with this `statusMessage` (kubernetes/kubernetes#118476).
 */
export class SsaInvalidError extends CapstanError {
  readonly statusMessage: string;
  readonly issues: readonly TypedIssue[];

  constructor(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, issues: readonly TypedIssue[]) {
    const body =
      issues.length === 1
        ? `${issues[0]!.path}: ${issues[0]!.message}`
        : `errors:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`;
    const ns = object.metadata?.namespace ?? '';
    const statusMessage = `failed to create typed patch object (${ns}/${object.metadata?.name ?? ''}; ${object.apiVersion}, Kind=${object.kind}): ${body}`;
    super(`${prefix(object)}${statusMessage}`, { code: 'SSA_INVALID' });
    this.statusMessage = statusMessage;
    this.issues = issues;
  }
}
