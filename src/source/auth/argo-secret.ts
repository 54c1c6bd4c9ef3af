import { InvalidAuthError } from '../errors.ts';
import { parseGitUrl } from '../url.ts';
import { secretValues, type GitAuth, type SecretLike } from './types.ts';

/** The label Argo CD puts on its repository Secrets, and the two values this module reads. */
export const ARGO_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

export interface ArgoRepositoryAuthInput {
  /** The Application's `source.repoURL`. */
  url: string;
  /** Secrets labelled `argocd.argoproj.io/secret-type: repository` or `repo-creds` (others are skipped). */
  secrets: readonly SecretLike[];
  /** The Application's project: a repository Secret with a matching `project` wins over a global one. */
  project?: string;
  /** `ssh_known_hosts` of the `argocd-ssh-known-hosts-cm` ConfigMap. */
  knownHosts?: string;
  /** `argocd-tls-certs-cm` data: PEM CA certificates keyed by server host name. */
  tlsCerts?: Record<string, string>;
}

export interface ArgoRepositoryAuth {
  auth: GitAuth;
  /** Which Secrets supplied it (names only), for events and debugging. */
  repositorySecret?: string;
  credentialsSecret?: string;
}

interface Fields {
  name: string | undefined;
  values: Record<string, string>;
}

/**
 * Credentials for `url` the way Argo CD's repo-server finds them (`util/db/repository_secrets.go`):
 * the `repository` Secret whose `url` names the same repository (one for the project first, else a
 * global one); when it carries no credentials, or there is none, the `repo-creds` Secret whose
 * `url` is the longest prefix of the repository URL (both normalized: lowercase, `.git` trimmed,
 * scp-style as `user@host/path`). `insecure: "true"` skips TLS verification for HTTPS and host key
 * checking for SSH, as in Argo CD; otherwise SSH hosts are checked strictly against `knownHosts`.
 */
export function argoRepositoryAuth(input: ArgoRepositoryAuthInput): ArgoRepositoryAuth {
  const u = parseGitUrl(input.url);
  const repos: Fields[] = [];
  const creds: Fields[] = [];
  for (const s of input.secrets) {
    const type = s.metadata?.labels?.[ARGO_SECRET_TYPE_LABEL];
    const values = secretValues(s);
    // Helm and OCI repositories are not git; a missing type means git.
    if (values['type'] && values['type'].toLowerCase() !== 'git') continue;
    if (type === 'repository') repos.push({ name: s.metadata?.name, values });
    else if (type === 'repo-creds') creds.push({ name: s.metadata?.name, values });
  }
  const target = argoNormalizeUrl(input.url);
  const repo = pickRepository(repos, target, input.project ?? '');
  const result: ArgoRepositoryAuth = { auth: {} };
  const merged: Record<string, string> = { ...(repo?.values ?? {}) };
  if (repo) result.repositorySecret = repo.name;
  if (!hasCredentials(merged)) {
    const cred = pickCredentials(creds, target);
    if (cred) {
      result.credentialsSecret = cred.name;
      for (const k of COPIED) if (!merged[k] && cred.values[k]) merged[k] = cred.values[k];
    }
  }
  const where = repo?.name ?? result.credentialsSecret;
  const insecure =
    bool(merged, 'insecure', u.display, where) || bool(merged, 'insecureIgnoreHostKey', u.display, where);
  const auth = result.auth;
  if (u.scheme === 'ssh') {
    if (merged['sshPrivateKey']) auth.sshPrivateKey = merged['sshPrivateKey'];
    if (insecure) auth.insecureIgnoreHostKey = true;
    else if (input.knownHosts) auth.knownHosts = input.knownHosts;
    return result;
  }
  if (u.scheme !== 'https' && u.scheme !== 'http') return result;
  if (merged['username']) auth.username = merged['username'];
  if (merged['password']) auth.password = merged['password'];
  if (merged['bearerToken']) auth.bearerToken = merged['bearerToken'];
  if (!auth.username && u.embedded?.username) auth.username = u.embedded.username;
  if (!auth.password && u.embedded?.password) auth.password = u.embedded.password;
  if (merged['tlsClientCertData']) auth.clientCert = merged['tlsClientCertData'];
  if (merged['tlsClientCertKey']) auth.clientKey = merged['tlsClientCertKey'];
  if (merged['proxy']) auth.proxy = merged['proxy'];
  if (insecure) auth.insecureSkipTlsVerify = true;
  const ca = input.tlsCerts?.[u.host];
  if (ca) auth.caCert = ca;
  return result;
}

// What Argo's `CopyCredentialsFrom` takes from repo-creds into a repository without credentials.
const COPIED = [
  'username',
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
  'proxy',
];

function hasCredentials(v: Record<string, string>): boolean {
  return Boolean(
    v['username'] || v['password'] || v['bearerToken'] || v['sshPrivateKey'] || v['tlsClientCertData'],
  );
}

function pickRepository(repos: Fields[], target: string, project: string): Fields | undefined {
  let fallback: Fields | undefined;
  for (const r of repos) {
    const url = r.values['url'];
    if (!url || argoNormalizeUrl(url) !== target) continue;
    const p = r.values['project'] ?? '';
    if (p === project) return r;
    if (p === '' && !fallback) fallback = r;
  }
  return fallback;
}

function pickCredentials(creds: Fields[], target: string): Fields | undefined {
  let best: Fields | undefined;
  let bestLen = 0;
  for (const c of creds) {
    const url = c.values['url'];
    if (!url) continue;
    const prefix = argoNormalizeUrl(url);
    if (prefix.length > bestLen && target.startsWith(prefix)) {
      best = c;
      bestLen = prefix.length;
    }
  }
  return best;
}

/**
 * Argo CD's `NormalizeGitURL`: trimmed, lowercase, scp-style `git@host:path` as `git@host/path`,
 * `ssh://` dropped, `.git` trimmed. Used for matching Secrets to URLs, as Argo CD does.
 */
export function argoNormalizeUrl(url: string): string {
  let s = url.trim().toLowerCase();
  if (/^(ssh:\/\/)?[^/:]*?@[^@]+$/.test(s) && !s.startsWith('ssh://')) s = `ssh://${s.replace(':', '/')}`;
  if (s.endsWith('.git')) s = s.slice(0, -4);
  return s.replace(/^ssh:\/\//, '');
}

function bool(v: Record<string, string>, key: string, display: string, secret: string | undefined): boolean {
  const raw = v[key];
  if (raw === undefined || raw === '') return false;
  // Go's strconv.ParseBool.
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new InvalidAuthError(`${display}: Secret ${secret ?? ''}: "${key}" must be true or false`);
}
