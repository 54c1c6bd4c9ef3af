/** An error answered by the API server, with Argo's grpc-gateway body (docs/api.md §3). */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  /** gRPC status code from the body (16 unauthenticated, 7 permission denied, 5 not found, …). */
  readonly code: number;

  constructor(status: number, code: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Builds an ApiError from a failed response, whatever its body turned out to be. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; code?: unknown };
    const message = typeof body.message === 'string' ? body.message : body.error;
    if (typeof message === 'string' && message !== '') {
      return new ApiError(res.status, typeof body.code === 'number' ? body.code : 0, message);
    }
  } catch {
    // Not JSON: a proxy's HTML page or plain text; fall through to the status line.
  }
  const fallback = text.trim() !== '' && text.length < 200 ? text.trim() : `${res.status} ${res.statusText}`;
  return new ApiError(res.status, 0, fallback);
}

/** A message fit for an error box, whatever was thrown. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
