// The one place the UI talks HTTP: same-origin, cookie session, the CSRF header on every call
// (docs/api.md §2), and one hook for "the session is gone" so any 401 leads to the login page.
import { ApiError, errorFromResponse } from './errors.ts';

export const API_BASE = '/api/v1';

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever a request answers 401; returns the unsubscribe function. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function notifyUnauthenticated(): void {
  for (const l of unauthenticatedListeners) l();
}

export type QueryValue = string | number | boolean | undefined | readonly string[];

/** Builds `?a=1&b=x&b=y`, skipping undefined and empty values; lists repeat the key. */
export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Login itself answers 401 for a wrong password; that must not count as "session gone". */
  expectUnauthenticated?: boolean;
}

export function requestHeaders(hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'capstan' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  return headers;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  let res: Response;
  try {
    res = await fetch(`${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers: requestHeaders(hasBody),
      body: hasBody ? JSON.stringify(options.body) : null,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 14, `cannot reach the Capstan server: ${(err as Error).message}`);
  }
  if (!res.ok) {
    const err = await errorFromResponse(res);
    if (res.status === 401 && !options.expectUnauthenticated) notifyUnauthenticated();
    throw err;
  }
  const text = await res.text();
  return (text === '' ? {} : JSON.parse(text)) as T;
}
