/**
 * Argo CD's `oidc.config` (a YAML document in `argocd-cm`): the identity provider to log in
 * through. Values that start with `$` name a key of `argocd-secret` (`clientSecret:
 * $oidc.okta.clientSecret`), as Argo CD resolves them, so secrets stay out of the ConfigMap.
 */
import { parse } from 'yaml';

export interface OidcConfig {
  /** Shown on the login button: "Log in via <name>". */
  name: string;
  issuer: string;
  clientID: string;
  /** Undefined for a public client (PKCE only). */
  clientSecret: string | undefined;
  /** Argo CD's default: openid, profile, email, groups. */
  requestedScopes: string[];
  /** `requestedIDTokenClaims`, sent as the `claims` request parameter's `id_token`. */
  requestedIDTokenClaims: Record<string, unknown> | undefined;
}

export const DEFAULT_OIDC_SCOPES = ['openid', 'profile', 'email', 'groups'];

/** The parsed config, or why it cannot be used (logged; the login button is then not offered). */
export function parseOidcConfig(
  text: string | undefined,
  secret: Readonly<Record<string, string>>,
): { config?: OidcConfig; error?: string } {
  if (!text || text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return { error: `argocd-cm oidc.config: not YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!raw || typeof raw !== 'object') return { error: 'argocd-cm oidc.config: not a mapping' };
  const r = raw as Record<string, unknown>;
  const value = (key: string): string | undefined => {
    const v = r[key];
    if (typeof v !== 'string') return undefined;
    return v.startsWith('$') ? secret[v.slice(1)] : v;
  };
  const issuer = value('issuer');
  const clientID = value('clientID');
  if (!issuer || !clientID) return { error: 'argocd-cm oidc.config: issuer and clientID are required' };
  const secretRef = r['clientSecret'];
  const clientSecret = value('clientSecret');
  if (typeof secretRef === 'string' && secretRef.startsWith('$') && clientSecret === undefined)
    return { error: `argocd-cm oidc.config: clientSecret: argocd-secret has no key ${secretRef.slice(1)}` };
  const scopes = Array.isArray(r['requestedScopes'])
    ? r['requestedScopes'].filter((s): s is string => typeof s === 'string')
    : DEFAULT_OIDC_SCOPES;
  const claims = r['requestedIDTokenClaims'];
  return {
    config: {
      name: value('name') || 'SSO',
      issuer,
      clientID,
      clientSecret,
      requestedScopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
      requestedIDTokenClaims:
        claims && typeof claims === 'object' && !Array.isArray(claims)
          ? (claims as Record<string, unknown>)
          : undefined,
    },
  };
}
