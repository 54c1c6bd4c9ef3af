import { createHash } from 'node:crypto';

/**
 * Credentials for one repository, as plain data: the controllers read Kubernetes Secrets and turn
 * them into this with `fluxSecretToGitAuth` / `argoRepositoryAuth`; the source module never talks
 * to Kubernetes. Every string here is secret and is never printed.
 */
export interface GitAuth {
  /** HTTP(S) basic auth. */
  username?: string;
  password?: string;
  /** HTTP(S) `Authorization: Bearer` token. */
  bearerToken?: string;
  /** PEM bundle of CAs trusted for HTTPS, in addition to none (it replaces the system store). */
  caCert?: string;
  /** PEM client certificate and key for mutual TLS. */
  clientCert?: string;
  clientKey?: string;
  /** Skip TLS verification. Only when a Secret explicitly asks (`insecure: "true"`). */
  insecureSkipTlsVerify?: boolean;
  /** PEM/OpenSSH private key for SSH. */
  sshPrivateKey?: string;
  /** Passphrase of `sshPrivateKey`. */
  sshPassphrase?: string;
  /** `known_hosts` lines; SSH host keys are checked strictly against them. */
  knownHosts?: string;
  /** Accept any SSH host key. Only when explicitly asked (Argo's `insecure`/`insecureIgnoreHostKey`). */
  insecureIgnoreHostKey?: boolean;
  /** HTTP(S) proxy URL (may hold its own credentials). */
  proxy?: string;
}

/** A Kubernetes Secret as far as the converters care: `data` is base64, `stringData` plain. */
export interface SecretLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The Secret's values decoded, `stringData` winning over `data` as the API server merges them. */
export function secretValues(secret: SecretLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  for (const [k, v] of Object.entries(secret.stringData ?? {})) out[k] = v;
  return out;
}

/** Every secret string in `auth`, for scrubbing text that might echo one. */
export function authSecrets(auth: GitAuth | undefined): string[] {
  if (!auth) return [];
  const values = [
    auth.password,
    auth.bearerToken,
    auth.sshPrivateKey,
    auth.sshPassphrase,
    auth.clientKey,
    auth.proxy,
  ];
  const out: string[] = [];
  for (const v of values) {
    if (!v) continue;
    out.push(v);
    // Multi-line keys may be echoed line by line.
    if (v.includes('\n')) out.push(...v.split('\n').filter((l) => l.trim().length >= 16));
  }
  return out;
}

/** True when `auth` carries nothing. */
export function isEmptyAuth(auth: GitAuth | undefined): boolean {
  return !auth || Object.values(auth).every((v) => v === undefined || v === '' || v === false);
}

/** A short stable fingerprint of the credentials, for keying shared work without holding secrets. */
export function authFingerprint(auth: GitAuth | undefined): string {
  if (isEmptyAuth(auth)) return 'anonymous';
  const entries = Object.entries(auth!)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}
