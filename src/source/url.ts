import { InvalidUrlError } from './errors.ts';

/** The transports Capstan fetches over. */
export type GitScheme = 'https' | 'http' | 'ssh' | 'git' | 'file';

/** A repository URL, validated and split, with the credentials it carried taken out. */
export interface GitUrl {
  scheme: GitScheme;
  /** Lowercase host ('' for `file://`), IPv6 without brackets. */
  host: string;
  /** Explicit port, or undefined for the scheme's default. */
  port: number | undefined;
  /** SSH login (`git` in `git@host:org/repo`); never set for HTTP, whose user is a credential. */
  user: string | undefined;
  /** Path as given (scp-style paths are relative to the login's home). */
  path: string;
  /** What git is given: the URL without userinfo for HTTP(S); scp-style stays scp-style. */
  remote: string;
  /** Safe to print in errors, logs and status. */
  display: string;
  /**
   * Identity of the repository for caching: lowercase host, default port dropped, `.git` and
   * trailing slashes stripped, credentials removed, scp-style and `ssh://` forms equal.
   */
  key: string;
  /** Username and password embedded in an HTTP(S) URL; they are sent as credentials, never in the URL. */
  embedded: { username: string; password: string } | undefined;
}

const DEFAULT_PORT: Record<GitScheme, number | undefined> = {
  https: 443,
  http: 80,
  ssh: 22,
  git: 9418,
  file: undefined,
};
// `user@host:path` where the part before the first colon has no slash (git's own rule); `x::y`
// is git's remote-helper syntax (`ext::` runs commands) and is never scp-style.
const SCP = /^(?:([^@/:\s]+)@)?(\[[0-9a-fA-F:.]+\]|[^@/:\s[\]]+):(?!\/\/|:)(.*)$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** Parses a repository URL; throws `InvalidUrlError` (code SOURCE_INVALID_URL) for anything else. */
export function parseGitUrl(input: string): GitUrl {
  const text = input.trim();
  const shown = safeForMessage(text);
  if (text === '') throw new InvalidUrlError('repository URL is empty');
  // Control characters and a leading dash could smuggle options or lines into git or ssh.
  // eslint-disable-next-line no-control-regex
  if (/[\0-\x1f\x7f]/.test(text) || text.startsWith('-')) {
    throw new InvalidUrlError(
      `${shown}: invalid repository URL: it contains control characters or starts with "-"`,
    );
  }
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const m = SCP.exec(text);
    if (m && m[3]) return scpUrl(m[1], m[2]!, m[3]);
    throw new InvalidUrlError(
      `${shown}: unsupported repository URL: use https://, http://, ssh://, git://, file:// or user@host:path`,
    );
  }
  if (!isScheme(scheme)) {
    throw new InvalidUrlError(
      `${shown}: unsupported URL scheme "${scheme}://": use https://, http://, ssh://, git://, file:// or user@host:path`,
    );
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch (err) {
    throw new InvalidUrlError(`${shown}: invalid repository URL`, { cause: err });
  }
  if (u.search || u.hash)
    throw new InvalidUrlError(`${shown}: repository URL may not have a query or fragment`);
  const host = u.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (scheme === 'file') {
    if (host !== '' && host !== 'localhost') {
      throw new InvalidUrlError(`${shown}: file:// URLs must name a local path (file:///path)`);
    }
    const path = decodeURIComponent(u.pathname);
    const remote = `file://${path}`;
    return {
      scheme,
      host: '',
      port: undefined,
      user: undefined,
      path,
      remote,
      display: remote,
      key: `file://${trimPath(path)}`,
      embedded: undefined,
    };
  }
  if (host === '') throw new InvalidUrlError(`${shown}: repository URL has no host`);
  const port = u.port === '' || Number(u.port) === DEFAULT_PORT[scheme] ? undefined : Number(u.port);
  const path = u.pathname === '' ? '/' : u.pathname;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`;
  if (scheme === 'ssh') {
    if (u.password)
      throw new InvalidUrlError(`${shown}: ssh:// URLs cannot carry a password; use a private key`);
    const user = u.username ? decodeURIComponent(u.username) : undefined;
    const at = user ? `${user}@` : '';
    const remote = `ssh://${at}${hostPort}${path}`;
    return {
      scheme,
      host,
      port,
      user,
      path,
      remote,
      display: remote,
      key: `ssh://${at}${hostPort}${trimPath(path)}`,
      embedded: undefined,
    };
  }
  const embedded =
    u.username || u.password
      ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  const remote = `${scheme}://${hostPort}${path}`;
  return {
    scheme,
    host,
    port,
    user: undefined,
    path,
    remote,
    display: remote,
    key: `${scheme}://${hostPort}${trimPath(path)}`,
    embedded,
  };
}

function scpUrl(user: string | undefined, rawHost: string, path: string): GitUrl {
  const host = rawHost.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const at = user ? `${user}@` : '';
  const hostText = host.includes(':') ? `[${host}]` : host;
  const remote = `${at}${hostText}:${path}`;
  const keyPath = trimPath(path.startsWith('/') ? path : `/${path}`);
  return {
    scheme: 'ssh',
    host,
    port: undefined,
    user,
    path,
    remote,
    display: remote,
    key: `ssh://${at}${hostText}${keyPath}`,
    embedded: undefined,
  };
}

/** The cache key of a URL (see `GitUrl.key`); invalid URLs throw. */
export function normalizeGitUrl(input: string): string {
  return parseGitUrl(input).key;
}

/** True when both URLs name the same repository. */
export function sameRepository(a: string, b: string): boolean {
  try {
    return normalizeGitUrl(a) === normalizeGitUrl(b);
  } catch {
    return false;
  }
}

function trimPath(path: string): string {
  let p = path.replace(/\/+$/, '');
  if (p.endsWith('.git')) p = p.slice(0, -4);
  return p.replace(/\/+$/, '') || '/';
}

function isScheme(s: string): s is GitScheme {
  return s === 'https' || s === 'http' || s === 'ssh' || s === 'git' || s === 'file';
}

/** An unparsed URL shown in an error: any userinfo removed, truncated. */
function safeForMessage(text: string): string {
  const noUser = text.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@]*@/, '$1***@');
  return JSON.stringify(noUser.length > 200 ? `${noUser.slice(0, 200)}…` : noUser);
}
