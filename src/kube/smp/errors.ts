import { CapstanError, formatRef, type KubeObject } from '../../core/index.ts';

/**
 * A strategic merge patch that cannot be applied or created: malformed directives, a list element
 * without its merge key, mixed element types. The API server answers these with 400 BadRequest
 * (apiserver `handlers/patch.go` `interpretStrategicMergePatchError`); `detail` is the upstream text.
 */
export class StrategicMergePatchError extends CapstanError {
  readonly detail: string;

  constructor(detail: string, options?: { object?: unknown; code?: string; cause?: unknown }) {
    super(`${prefix(options?.object)}strategic merge patch: ${detail}`, {
      code: options?.code ?? 'SMP_INVALID',
      cause: options?.cause,
    });
    this.detail = detail;
  }
}

/**
 * A three-way patch whose changes collide with changes made to the live object since the last
 * apply (only raised when `overwrite` is false, as `kubectl apply --overwrite=false`).
 */
export class StrategicMergePatchConflictError extends StrategicMergePatchError {
  constructor(detail: string, options?: { object?: unknown }) {
    super(detail, { ...options, code: 'SMP_CONFLICT' });
  }
}

function prefix(object: unknown): string {
  const o = object as Partial<KubeObject> | undefined;
  if (o && typeof o.kind === 'string' && o.metadata && typeof o.metadata.name === 'string') {
    return `${formatRef(o as KubeObject)}: `;
  }
  return '';
}
