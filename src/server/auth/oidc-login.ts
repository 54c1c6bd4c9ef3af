/**
 * The OIDC authorization code flow with PKCE, state and nonce, over `openid-client` (a certified
 * relying party): `begin` remembers what the callback must check and gives the provider's URL;
 * `finish` exchanges the code, verifies the ID token (signature, issuer, audience, nonce, expiry)
 * and returns its claims. Discovery is cached per provider. Pending logins expire after five
 * minutes and are bound to the browser by a cookie holding their state.
 */
import * as oidc from 'openid-client';
import { ApiError } from '../errors.ts';
import type { CliRequest } from './cli-handoff.ts';
import type { OidcConfig } from './oidc-config.ts';

interface Pending {
  verifier: string;
  nonce: string;
  returnUrl: string;
  redirectUri: string;
  /** A `capstan login --sso` waiting on a loopback port. */
  cli: CliRequest | undefined;
  expires: number;
}

export interface OidcIdentity {
  sub: string;
  issuer: string;
  email?: string;
  /** Every claim of the ID token (groups are read from those `scopes` names). */
  claims: Record<string, unknown>;
  /** Unix seconds: the ID token's expiry. */
  expiresAt?: number;
}

const PENDING_MS = 5 * 60_000;
const MAX_PENDING = 1000;

export class OidcLogin {
  readonly #configs = new Map<string, Promise<oidc.Configuration>>();
  readonly #pending = new Map<string, Pending>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  #configuration(c: OidcConfig): Promise<oidc.Configuration> {
    const key = JSON.stringify([c.issuer, c.clientID, c.clientSecret]);
    let found = this.#configs.get(key);
    if (!found) {
      const issuer = new URL(c.issuer);
      found = oidc.discovery(
        issuer,
        c.clientID,
        c.clientSecret,
        c.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(c.clientSecret),
        // Plain HTTP only for a provider on this machine (development, tests).
        issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)
          ? { execute: [oidc.allowInsecureRequests], timeout: 30 }
          : { timeout: 30 },
      );
      this.#configs.set(key, found);
      // A provider that was down is asked again next time.
      found.catch(() => this.#configs.delete(key));
    }
    return found;
  }

  /** The provider's authorization URL and the state to bind to the browser. */
  async begin(
    c: OidcConfig,
    redirectUri: string,
    returnUrl: string,
    cli?: CliRequest,
  ): Promise<{ url: string; state: string }> {
    const config = await this.#configuration(c).catch((err: unknown) => {
      throw new ApiError('Unavailable', `${c.issuer}: OIDC discovery failed: ${(err as Error).message}`);
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const params: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: c.requestedScopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (c.requestedIDTokenClaims) params['claims'] = JSON.stringify({ id_token: c.requestedIDTokenClaims });
    this.#sweep();
    this.#pending.set(state, {
      verifier,
      nonce,
      returnUrl,
      redirectUri,
      cli,
      expires: this.#now() + PENDING_MS,
    });
    return { url: oidc.buildAuthorizationUrl(config, params).href, state };
  }

  /**
   * Completes a login the provider redirected back to `callbackUrl`. `boundState` is the state
   * from the browser's cookie: a callback started by another browser is refused.
   */
  async finish(
    c: OidcConfig,
    callbackUrl: URL,
    boundState: string | undefined,
  ): Promise<{ identity: OidcIdentity; returnUrl: string; cli: CliRequest | undefined }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    if (!pending || pending.expires < this.#now() || !boundState || boundState !== state)
      throw new ApiError(
        'Unauthenticated',
        'invalid session: the login is unknown or expired, please log in again',
      );
    const failure = callbackUrl.searchParams.get('error');
    if (failure) {
      const detail = callbackUrl.searchParams.get('error_description');
      throw new ApiError(
        'Unauthenticated',
        `${c.issuer}: login refused: ${failure}${detail ? `: ${detail}` : ''}`,
      );
    }
    const config = await this.#configuration(c);
    // The callback as the provider addressed it: the configured URL, not the proxy's view.
    const current = new URL(pending.redirectUri);
    current.search = callbackUrl.search;
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new ApiError('Unauthenticated', `${c.issuer}: login failed: ${(err as Error).message}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new ApiError('Unauthenticated', `${c.issuer}: login failed: no ID token`);
    return {
      identity: {
        sub: claims.sub,
        issuer: claims.iss,
        ...(typeof claims['email'] === 'string' ? { email: claims['email'] } : {}),
        claims: claims,
        ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
      },
      returnUrl: pending.returnUrl,
      cli: pending.cli,
    };
  }

  #sweep(): void {
    const now = this.#now();
    for (const [state, p] of this.#pending) if (p.expires < now) this.#pending.delete(state);
    // Bounded: a flood of login starts cannot grow memory without end.
    while (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
  }
}

/** The values of the `scopes` claims (Argo CD's RBAC `scopes`, default `[groups]`) as groups. */
export function groupsFromClaims(claims: Record<string, unknown>, scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const scope of scopes) {
    const v = claims[scope];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return [...new Set(out)];
}
