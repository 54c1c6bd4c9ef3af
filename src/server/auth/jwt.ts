/**
 * Session tokens as Argo CD makes them: JWTs signed HS256 with `server.secretkey`, claims
 * `iss: argocd`, `sub`, `iat`, `nbf`, `exp` (absent for tokens that never expire) and `jti`.
 * Argo CD's tooling tells its own tokens from an identity provider's by `iss == "argocd"`.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'argocd';

export interface TokenClaims {
  iss: string;
  sub: string;
  /** Unix seconds. */
  iat: number;
  nbf?: number;
  exp?: number;
  jti: string;
  groups?: string[];
  email?: string;
  /** Set on sessions from an OIDC login: the identity provider's issuer. */
  sso?: string;
}

export interface SignInput {
  sub: string;
  jti: string;
  /** Unix seconds. */
  now: number;
  /** 0 or absent: the token never expires. */
  expiresIn?: number;
  /** An OIDC login's identity: its groups, email and the provider's issuer. */
  sso?: { issuer: string; groups: string[]; email?: string | undefined };
}

export async function signToken(input: SignInput, key: Uint8Array): Promise<string> {
  const jwt = new SignJWT(
    input.sso
      ? {
          sso: input.sso.issuer,
          groups: input.sso.groups,
          ...(input.sso.email ? { email: input.sso.email } : {}),
        }
      : {},
  )
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setSubject(input.sub)
    .setIssuedAt(input.now)
    .setNotBefore(input.now)
    .setJti(input.jti);
  if (input.expiresIn !== undefined && input.expiresIn > 0)
    jwt.setExpirationTime(input.now + input.expiresIn);
  return jwt.sign(key);
}

/** Why a token is refused, in the words of Go's jwt library as Argo CD reports them. */
export class TokenError extends Error {}

/** Verifies signature, algorithm, issuer and times at `nowMs`; throws `TokenError`. */
export async function verifyToken(token: string, key: Uint8Array, nowMs: number): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      currentDate: new Date(nowMs),
    });
    if (typeof payload.sub !== 'string' || typeof payload.iat !== 'number') {
      throw new TokenError('token is missing sub or iat');
    }
    return {
      iss: TOKEN_ISSUER,
      sub: payload.sub,
      iat: payload.iat,
      ...(typeof payload.nbf === 'number' ? { nbf: payload.nbf } : {}),
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
      jti: typeof payload.jti === 'string' ? payload.jti : '',
      ...(typeof payload['sso'] === 'string' ? { sso: payload['sso'] } : {}),
      ...(Array.isArray(payload['groups'])
        ? { groups: (payload['groups'] as unknown[]).filter((g): g is string => typeof g === 'string') }
        : {}),
      ...(typeof payload['email'] === 'string' ? { email: payload['email'] } : {}),
    };
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (err instanceof errors.JWTExpired) throw new TokenError('token is expired');
    if (err instanceof errors.JWSSignatureVerificationFailed) throw new TokenError('signature is invalid');
    if (err instanceof errors.JWTClaimValidationFailed) {
      throw new TokenError(
        err.claim === 'nbf' ? 'token is not valid yet' : `token has invalid claim ${err.claim}`,
      );
    }
    if (err instanceof errors.JOSEAlgNotAllowed) throw new TokenError('signing method is not HS256');
    throw new TokenError('token is malformed');
  }
}
