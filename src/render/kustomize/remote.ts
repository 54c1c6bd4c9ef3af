/**
 * Remote bases (`https://github.com/org/repo//path?ref=v1`, `git@host:org/repo.git/path`, …).
 * Render does not fetch anything itself: the caller injects a `RemoteFetcher` (the source
 * module's git client in production), which keeps render pure and testable.
 */
export interface RemoteRef {
  /** Clone URL, e.g. `https://github.com/org/repo.git` or `git@github.com:org/repo.git`. */
  repo: string;
  /** Directory inside the repository (may be empty). */
  path: string;
  /** Branch, tag or commit (`?ref=` / `?version=`); empty for the default branch. */
  ref: string;
  /** The URL as written in the kustomization. */
  raw: string;
}

export interface RemoteFetcher {
  /** Makes `ref.repo` at `ref.ref` available locally and returns the checkout's root directory. */
  fetch(ref: RemoteRef, signal: AbortSignal): Promise<string>;
}

const HOST_PREFIXES = ['github.com/', 'gitlab.com/', 'bitbucket.org/'];

/** Parses a kustomize remote target, or returns undefined for a local path. */
export function parseRemoteRef(raw: string): RemoteRef | undefined {
  // Fast path: plain relative paths (the common case) cannot be remote.
  if (
    !raw.includes('://') &&
    !raw.includes('@') &&
    !raw.startsWith('git::') &&
    !HOST_PREFIXES.some((p) => raw.startsWith(p))
  ) {
    return undefined;
  }
  let url = raw;
  let query = '';
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  const params = new URLSearchParams(query);
  const ref = params.get('ref') ?? params.get('version') ?? '';
  let scheme: string;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (m) {
    scheme = m[0];
    url = url.slice(scheme.length);
  } else if (url.startsWith('git::')) {
    return parseRemoteRef(raw.slice(5));
  } else if (/^[^/@]+@[^/:]+:/.test(url)) {
    // scp-like: git@github.com:org/repo.git/path
    const colon = url.indexOf(':');
    return splitRepoPath(url.slice(0, colon + 1), url.slice(colon + 1), ref, raw);
  } else if (!HOST_PREFIXES.some((p) => url.startsWith(p))) {
    return undefined;
  } else {
    scheme = 'https://';
  }
  // file:// names a local git repository only in the remote form (`repo.git//dir` or `.git/dir`).
  if (scheme === 'file://' && !url.includes('//') && !url.includes('.git')) return undefined;
  if (scheme === 'file://') return splitRepoPath(scheme, url, ref, raw);
  const slash = url.indexOf('/');
  if (slash < 0) return undefined;
  return splitRepoPath(scheme + url.slice(0, slash + 1), url.slice(slash + 1), ref, raw);
}

function splitRepoPath(hostPart: string, rest: string, ref: string, raw: string): RemoteRef | undefined {
  let repoPath: string;
  let path: string;
  const dbl = rest.indexOf('//');
  if (dbl >= 0) {
    repoPath = rest.slice(0, dbl);
    path = rest.slice(dbl + 2);
  } else {
    const git = rest.indexOf('.git/');
    if (git >= 0) {
      repoPath = rest.slice(0, git + 4);
      path = rest.slice(git + 5);
    } else {
      // org/repo[/path]
      const parts = rest.split('/');
      if (parts.length < 2) return undefined;
      repoPath = parts.slice(0, 2).join('/');
      path = parts.slice(2).join('/');
    }
  }
  if (!repoPath) return undefined;
  return { repo: hostPart + repoPath, path: path.replace(/\/+$/, ''), ref, raw };
}
