/**
 * API failures as Capstan errors. The `code` is the reason of the server's `Status` (`NotFound`,
 * `Conflict`, `Invalid`, …) so callers branch on `errorCode(err) === 'Conflict'` exactly as Go code
 * does with `apierrors.IsConflict`; the message starts with the object (`formatRef`) and the verb:
 * `Deployment/shop/web: apply failed: <the server's message>`.
 */
import { CapstanError } from '../../core/index.ts';

/** One entry of `Status.details.causes` (for `Invalid`: the field and what is wrong with it). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** The parts of a Kubernetes `Status` body errors keep. */
export interface ApiStatus {
  /** HTTP status code. */
  code: number;
  reason: string;
  message: string;
  causes: StatusCause[];
  retryAfterSeconds?: number;
}

/** Any refusal by the API server. Subclasses exist for the reasons callers act on. */
export class KubeApiError extends CapstanError {
  readonly status: ApiStatus;

  constructor(message: string, status: ApiStatus, options?: { cause?: unknown }) {
    super(message, { code: status.reason || 'Unknown', cause: options?.cause });
    this.status = status;
  }

  /** The HTTP status code. */
  get httpCode(): number {
    return this.status.code;
  }
}

export class NotFoundError extends KubeApiError {}
export class AlreadyExistsError extends KubeApiError {}
/** Optimistic-concurrency failures and SSA field-manager conflicts (both 409). */
export class ConflictError extends KubeApiError {}
/** 422: the object fails validation; `causes` name the fields (immutable fields among them). */
export class InvalidError extends KubeApiError {
  get causes(): StatusCause[] {
    return this.status.causes;
  }
}
export class BadRequestError extends KubeApiError {}
export class ForbiddenError extends KubeApiError {}
export class UnauthorizedError extends KubeApiError {}
/** 410 Gone: a watch or list resourceVersion older than the server's history; list again. */
export class ExpiredError extends KubeApiError {}
export class UnsupportedMediaTypeError extends KubeApiError {}
export class MethodNotAllowedError extends KubeApiError {}
export class TooManyRequestsError extends KubeApiError {}
export class ServerTimeoutError extends KubeApiError {}
export class InternalError extends KubeApiError {}
export class ServiceUnavailableError extends KubeApiError {}

/**
 * The kind is not served (no CRD yet, or a removed API version): apimachinery's
 * `NoKindMatchError`. Not an API reply, so `httpCode` is 0.
 */
export class NoKindMatchError extends CapstanError {
  constructor(apiVersion: string, kind: string) {
    super(
      `${kind} (${apiVersion}): no matches for kind "${kind}" in version "${apiVersion}"; ensure CRDs are installed first`,
      { code: 'NoKindMatch' },
    );
  }
}

type ErrorClass = new (message: string, status: ApiStatus, options?: { cause?: unknown }) => KubeApiError;

const byReason: Record<string, ErrorClass> = {
  NotFound: NotFoundError,
  AlreadyExists: AlreadyExistsError,
  Conflict: ConflictError,
  Invalid: InvalidError,
  BadRequest: BadRequestError,
  Forbidden: ForbiddenError,
  Unauthorized: UnauthorizedError,
  Expired: ExpiredError,
  Gone: ExpiredError,
  UnsupportedMediaType: UnsupportedMediaTypeError,
  MethodNotAllowed: MethodNotAllowedError,
  TooManyRequests: TooManyRequestsError,
  Timeout: ServerTimeoutError,
  ServerTimeout: ServerTimeoutError,
  InternalError: InternalError,
  ServiceUnavailable: ServiceUnavailableError,
};

/** The reason a bare HTTP code stands for, when the body is not a Status (as client-go guesses). */
const reasonByCode: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a `Status` body (or anything else) into an `ApiStatus` for HTTP code `code`. */
export function statusOf(code: number, body: unknown, text = ''): ApiStatus {
  if (isRecord(body) && body['kind'] === 'Status') {
    const details = isRecord(body['details']) ? body['details'] : {};
    const causes = Array.isArray(details['causes']) ? (details['causes'] as StatusCause[]) : [];
    const status: ApiStatus = {
      code: typeof body['code'] === 'number' && body['code'] > 0 ? body['code'] : code,
      reason:
        typeof body['reason'] === 'string' && body['reason'] ? body['reason'] : (reasonByCode[code] ?? ''),
      message: typeof body['message'] === 'string' ? body['message'] : '',
      causes,
    };
    if (typeof details['retryAfterSeconds'] === 'number')
      status.retryAfterSeconds = details['retryAfterSeconds'];
    return status;
  }
  return {
    code,
    reason: reasonByCode[code] ?? 'Unknown',
    message: text.trim() || `the server responded with HTTP ${code}`,
    causes: [],
  };
}

/**
 * The error for a failed request: `subject` is what the request concerned (`formatRef` of the
 * object, or the kind for lists), `verb` what was attempted.
 */
export function apiError(subject: string, verb: string, status: ApiStatus, cause?: unknown): KubeApiError {
  const Class = byReason[status.reason] ?? KubeApiError;
  const detail = status.message || status.reason || `HTTP ${status.code}`;
  return new Class(
    `${subject}: ${verb} failed: ${detail}`,
    status,
    cause === undefined ? undefined : { cause },
  );
}
