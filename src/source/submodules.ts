import type { GitRunner } from './git/runner.ts';
import { InvalidUrlError } from './errors.ts';
import type { GitUrl } from './url.ts';

export interface Submodule {
  path: string;
  url: string;
  commit: string;
}

/**
 * The submodules of `commit` that have a gitlink in its tree, with URLs from `.gitmodules`
 * (relative URLs resolved against the parent repository, as git does).
 */
export async function listSubmodules(
  runner: GitRunner,
  parent: GitUrl,
  mirror: string,
  commit: string,
  gitlinks: readonly string[],
  signal?: AbortSignal,
): Promise<Submodule[]> {
  const cfg = await runner.tryLocal(
    parent.display,
    [
      '--git-dir',
      mirror,
      'config',
      '-z',
      '--blob',
      `${commit}:.gitmodules`,
      '--get-regexp',
      '^submodule\\..*\\.(path|url)$',
    ],
    { signal },
  );
  const byName = new Map<string, { path?: string; url?: string }>();
  for (const rec of cfg.stdout.toString('utf8').split('\0')) {
    const nl = rec.indexOf('\n');
    if (nl < 0) continue;
    const key = rec.slice(0, nl);
    const m = /^submodule\.(.*)\.(path|url)$/.exec(key);
    if (!m) continue;
    const entry = byName.get(m[1]!) ?? {};
    entry[m[2] as 'path' | 'url'] = rec.slice(nl + 1);
    byName.set(m[1]!, entry);
  }
  const tree = await runner.local(
    parent.display,
    ['--git-dir', mirror, 'ls-tree', '-z', commit, '--', ...gitlinks],
    { signal },
  );
  const commits = new Map<string, string>();
  for (const rec of tree.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab > 0) commits.set(rec.slice(tab + 1), rec.slice(0, tab).split(' ')[2] ?? '');
  }
  const out: Submodule[] = [];
  for (const { path, url } of byName.values()) {
    if (!path || !url) continue;
    const sha = commits.get(path);
    if (sha) out.push({ path, url: resolveSubmoduleUrl(parent, url), commit: sha });
  }
  return out;
}

/** `../other.git` against `https://host/org/repo.git` is `https://host/org/other.git`. */
export function resolveSubmoduleUrl(parent: GitUrl, url: string): string {
  if (!url.startsWith('./') && !url.startsWith('../')) return url;
  let base = parent.remote.replace(/\/+$/, '');
  let rest = url;
  while (rest.startsWith('./') || rest.startsWith('../')) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else {
      rest = rest.slice(3);
      const cut = Math.max(
        base.lastIndexOf('/'),
        parent.scheme === 'ssh' && !parent.remote.startsWith('ssh://') ? base.lastIndexOf(':') : -1,
      );
      if (cut < 0)
        throw new InvalidUrlError(`${parent.display}: submodule URL ${url} climbs above the repository`);
      base = base.slice(0, cut);
    }
  }
  const sep = base.endsWith(':') ? '' : '/';
  return `${base}${sep}${rest}`;
}
