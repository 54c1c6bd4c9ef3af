import { badRequest } from '../errors.ts';

/**
 * The opaque `continue` token of a paginated list: the resourceVersion the first page was read
 * at and the key to resume after, in the same JSON shape kube-apiserver encodes
 * (`{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`, base64url).
 */
export interface ContinueToken {
  rv: number;
  /** Resume at the first key ≥ this one. */
  start: string;
}

export function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` })).toString(
    'base64url',
  );
}

export function decodeContinue(token: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or not JSON');
  }
  const t = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (t.v !== 'meta.k8s.io/v1')
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  if (typeof t.rv !== 'number' || !Number.isSafeInteger(t.rv) || t.rv <= 0) {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (typeof t.start !== 'string' || t.start === '')
    throw badRequest('continue key is not valid: encoded start key is empty');
  return { rv: t.rv, start: t.start };
}
