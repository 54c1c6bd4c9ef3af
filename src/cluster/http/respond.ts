import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { ApiError, internalError } from '../errors.ts';
import type { Target } from './negotiate.ts';

const JSON_TYPE = 'application/json';

/** Sends a JSON body (already serialized, the fast path). */
export function sendJson(
  res: ServerResponse,
  code: number,
  json: string,
  contentType = JSON_TYPE,
  warnings?: readonly string[],
): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings && warnings.length > 0) headers['Warning'] = warnings.map(warningHeader);
  res.writeHead(code, headers);
  res.end(json);
}

/** Sends a value in the negotiated encoding (JSON, YAML, or the JSON of a Table/partial form). */
export function sendValue(
  res: ServerResponse,
  code: number,
  value: unknown,
  target: Target,
  warnings?: readonly string[],
): void {
  if (target.kind === 'yaml') {
    const text = stringify(value);
    const headers: Record<string, string | string[]> = {
      'Content-Type': 'application/yaml',
      'Content-Length': String(Buffer.byteLength(text)),
    };
    if (warnings && warnings.length > 0) headers['Warning'] = warnings.map(warningHeader);
    res.writeHead(code, headers);
    res.end(text);
    return;
  }
  const contentType = target.kind === 'json' ? JSON_TYPE : target.contentType;
  sendJson(res, code, JSON.stringify(value), contentType, warnings);
}

/** Sends the object a write produced, reusing its stored JSON when the client wants JSON. */
export function sendWritten(
  res: ServerResponse,
  code: number,
  result: { object: unknown; json?: string | undefined; warnings?: readonly string[] },
  target: Target,
): void {
  if (target.kind === 'json' && result.json !== undefined) {
    sendJson(res, code, result.json, JSON_TYPE, result.warnings);
  } else sendValue(res, code, result.object, target, result.warnings);
}

/** Sends an error as a Kubernetes Status body. Anything that is not an ApiError is a 500. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  err: unknown,
  log?: (err: unknown) => void,
): void {
  const apiError = err instanceof ApiError ? err : internalError(err);
  if (!(err instanceof ApiError)) log?.(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(apiError.status);
  const headers: Record<string, string> = {
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(body)),
  };
  const retry = apiError.status.details?.retryAfterSeconds;
  if (retry) headers['Retry-After'] = String(retry);
  res.writeHead(apiError.httpCode, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** RFC 7234 warning as kube-apiserver sends it: `299 - "text"`. */
function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text.replace(/[\r\n]/g, ' '))}`;
}
