/**
 * Handing an OIDC login to the CLI (`capstan login --sso`) without the session token ever being
 * in a URL: the CLI starts the login with the SHA-256 of a secret it keeps (`cli_challenge`,
 * PKCE's S256) and the loopback port it listens on; after the callback the browser is sent to
 * `http://localhost:<port>/auth/callback?code=<one-time code>`, and only the holder of the secret
 * can trade that code for the token (`POST /auth/cli-token`), once, within a minute.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.ts';

export interface CliRequest {
  port: number;
  challenge: string;
}

interface Handoff {
  token: string;
  challenge: string;
  expires: number;
}

const HANDOFF_MS = 60_000;
const MAX_HANDOFFS = 1000;

/** `cli_port` and `cli_challenge` of `/auth/login`, checked; undefined for a browser login. */
export function parseCliRequest(query: {
  cli_port?: string;
  cli_challenge?: string;
}): CliRequest | undefined {
  if (query.cli_port === undefined && query.cli_challenge === undefined) return undefined;
  const port = Number(query.cli_port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ApiError('InvalidArgument', 'cli_port must be a TCP port');
  if (!/^[A-Za-z0-9_-]{43}$/.test(query.cli_challenge ?? ''))
    throw new ApiError('InvalidArgument', 'cli_challenge must be a base64url SHA-256');
  return { port, challenge: query.cli_challenge! };
}

export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class CliHandoffs {
  readonly #codes = new Map<string, Handoff>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A one-time code for `token`, redeemable with the verifier of `challenge`. */
  offer(token: string, challenge: string): string {
    const now = this.#now();
    for (const [code, h] of this.#codes) if (h.expires < now) this.#codes.delete(code);
    while (this.#codes.size >= MAX_HANDOFFS) this.#codes.delete(this.#codes.keys().next().value!);
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { token, challenge, expires: now + HANDOFF_MS });
    return code;
  }

  redeem(code: string, verifier: string): string {
    const h = this.#codes.get(code);
    this.#codes.delete(code);
    const ok =
      h !== undefined &&
      h.expires >= this.#now() &&
      timingSafeEqual(Buffer.from(s256(verifier)), Buffer.from(h.challenge.padEnd(43).slice(0, 43)));
    if (!ok)
      throw new ApiError('Unauthenticated', 'invalid session: the login code is unknown, used or expired');
    return h.token;
  }
}
