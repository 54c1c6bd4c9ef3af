/**
 * API errors: Argo CD's grpc-gateway error body (`{error, code, message}`) with the gRPC status
 * code and the HTTP status grpc-gateway maps it to (docs/api.md §3). Every error a route throws
 * is an `ApiError` or becomes a 500 `Internal` whose message never carries the cause's text.
 */
import { CapstanError } from '../core/index.ts';

/** gRPC status names used by this API, with their gRPC code and HTTP status. */
export const GRPC_CODES = {
  InvalidArgument: { code: 3, status: 400 },
  NotFound: { code: 5, status: 404 },
  AlreadyExists: { code: 6, status: 409 },
  PermissionDenied: { code: 7, status: 403 },
  ResourceExhausted: { code: 8, status: 429 },
  FailedPrecondition: { code: 9, status: 400 },
  Aborted: { code: 10, status: 409 },
  Unimplemented: { code: 12, status: 501 },
  Internal: { code: 13, status: 500 },
  Unavailable: { code: 14, status: 503 },
  Unauthenticated: { code: 16, status: 401 },
} as const;

export type GrpcCodeName = keyof typeof GRPC_CODES;

export interface ApiErrorOptions {
  /** Overrides the mapped HTTP status (413 and 405 share a gRPC code with other statuses). */
  status?: number;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class ApiError extends CapstanError {
  /** The gRPC status code in the response body. */
  readonly grpcCode: number;
  /** The HTTP status. */
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(code: GrpcCodeName, message: string, options: ApiErrorOptions = {}) {
    super(message, { code, cause: options.cause });
    this.grpcCode = GRPC_CODES[code].code;
    this.status = options.status ?? GRPC_CODES[code].status;
    this.headers = options.headers ?? {};
  }
}

/** The body every error response has. */
export interface ErrorBody {
  error: string;
  code: number;
  message: string;
}

export function errorBody(grpcCode: number, message: string): ErrorBody {
  return { error: message, code: grpcCode, message };
}

/** The 401 of every protected route without a session (the exact text is the contract's). */
export const NO_SESSION = 'no session information';

/**
 * RBAC's 403, naming what was refused as Argo CD does:
 * `permission denied: applications, sync, default/web, sub: alice`.
 */
export function permissionDenied(
  resource: string,
  action: string,
  object: string,
  subject: string,
): ApiError {
  const who = subject === '' ? '' : `, sub: ${subject}`;
  return new ApiError('PermissionDenied', `permission denied: ${resource}, ${action}, ${object}${who}`);
}
