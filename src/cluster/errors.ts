import { CapstanError, formatRef, type ObjectRef } from '../core/index.ts';

/** A Kubernetes `Status` object, as error bodies and `ERROR` watch events carry it. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/**
 * A request the API refuses, carrying the exact `Status` body a Kubernetes API server answers
 * with (clients such as kubectl print `Error from server (<reason>): <message>` from it). The
 * error's own message starts with the object concerned when one is known.
 */
export class ApiError extends CapstanError {
  readonly status: StatusBody;

  constructor(status: Omit<StatusBody, 'kind' | 'apiVersion' | 'metadata' | 'status'>, ref?: ObjectRef) {
    const message = status.message ?? status.reason ?? 'request failed';
    super(ref && ref.name ? `${formatRef(ref)}: ${message}` : message, {
      code: `API_${(status.reason ?? 'Unknown').toUpperCase()}`,
    });
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status };
  }

  /** The HTTP status code. */
  get httpCode(): number {
    return this.status.code;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** The `<plural>.<group>` a Kubernetes message names a resource by (`deployments.apps`). */
export interface QualifiedResource {
  group: string;
  plural: string;
  kind?: string;
}

function qualified(r: QualifiedResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function refOf(r: QualifiedResource, name: string, namespace?: string): ObjectRef | undefined {
  return r.kind ? { kind: r.kind, name, namespace } : undefined;
}

export function notFound(r: QualifiedResource, name: string, namespace?: string): ApiError {
  return new ApiError(
    {
      message: `${qualified(r)} "${name}" not found`,
      reason: 'NotFound',
      details: { name, group: r.group, kind: r.plural },
      code: 404,
    },
    refOf(r, name, namespace),
  );
}

export function alreadyExists(r: QualifiedResource, name: string, namespace?: string): ApiError {
  return new ApiError(
    {
      message: `${qualified(r)} "${name}" already exists`,
      reason: 'AlreadyExists',
      details: { name, group: r.group, kind: r.plural },
      code: 409,
    },
    refOf(r, name, namespace),
  );
}

/** The optimistic-concurrency failure kubectl retries on. */
export function conflict(r: QualifiedResource, name: string, why: string, namespace?: string): ApiError {
  return new ApiError(
    {
      message: `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`,
      reason: 'Conflict',
      details: { name, group: r.group, kind: r.plural },
      code: 409,
    },
    refOf(r, name, namespace),
  );
}

export const MODIFIED_CONFLICT =
  'the object has been modified; please apply your changes to the latest version and try again';

/** One failed field, as `Invalid` errors list them. */
export interface FieldError {
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, `FieldValueForbidden`… */
  reason: string;
  field: string;
  /** The detail after the field, e.g. `Required value` or `Invalid value: "x": must be …`. */
  message: string;
}

/** 422 Invalid: `<Kind>.<group> "<name>" is invalid: <field>: <detail>`. */
export function invalid(
  r: { group: string; kind: string },
  name: string,
  errors: FieldError[],
  namespace?: string,
): ApiError {
  const kind = r.group ? `${r.kind}.${r.group}` : r.kind;
  const parts = errors.map((e) => `${e.field}: ${e.message}`);
  const detail = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  return new ApiError(
    {
      message: `${kind} "${name}" is invalid: ${detail}`,
      reason: 'Invalid',
      details: {
        name,
        group: r.group,
        kind: r.kind,
        causes: errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field })),
      },
      code: 422,
    },
    { kind: r.kind, name, namespace },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError({ message, reason: 'BadRequest', code: 400 });
}

export function forbidden(message: string, details?: StatusDetails): ApiError {
  return new ApiError({ message, reason: 'Forbidden', code: 403, ...(details ? { details } : {}) });
}

export function methodNotAllowed(
  message = 'the server does not allow this method on the requested resource',
): ApiError {
  return new ApiError({ message, reason: 'MethodNotAllowed', code: 405 });
}

export function notAcceptable(message: string): ApiError {
  return new ApiError({ message, reason: 'NotAcceptable', code: 406 });
}

export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return new ApiError({
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    reason: 'UnsupportedMediaType',
    code: 415,
  });
}

/** 410 Expired: a resourceVersion or continue token older than the kept history. */
export function expired(message: string): ApiError {
  return new ApiError({ message, reason: 'Expired', code: 410 });
}

export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError({
    message: `Too large resource version: ${requested}, current: ${current}`,
    reason: 'Timeout',
    details: {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
    code: 504,
  });
}

export function unauthorized(): ApiError {
  return new ApiError({ message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
}

export function pathNotFound(): ApiError {
  return new ApiError({
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}

export function internalError(err: unknown): ApiError {
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  });
}

/** The data directory cannot be used: not ours, corrupt, newer, or held by another process. */
export class ClusterDataError extends CapstanError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'CLUSTER_DATA_DIR', cause: options?.cause });
  }
}
