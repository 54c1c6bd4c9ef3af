/**
 * AppProject rules as Argo CD applies them (`types.go` `IsSourcePermitted`, `IsDestinationPermitted`,
 * `IsGroupKindPermitted`, sync windows): a violation becomes an Application condition and blocks
 * sync. Globs follow Argo's `util/glob` (`*` crosses `/`, `?`, `{a,b}`, `[…]`), and `!` negates.
 */
import { Cron } from 'croner';
import { parseDuration } from '../../engine/index.ts';
import { normalizeGitUrl } from '../../source/index.ts';
import type { ApplicationDestination } from './api/application.ts';
import type { AppProject, AppProjectSpec, SyncWindow } from './api/appproject.ts';
import { DEFAULT_PROJECT } from './api/application-defaults.ts';

const regexCache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = regexCache.get(glob);
  if (re) return re;
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += `\\${glob[++i]!}`;
    else out += c.replace(/[.+^$()|\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`, 's');
  regexCache.set(glob, re);
  return re;
}

export const globMatches = (glob: string, text: string): boolean => globToRegExp(glob).test(text);

function normalizeRepo(url: string): string {
  try {
    return normalizeGitUrl(url);
  } catch {
    return url
      .replace(/\.git$/, '')
      .replace(/\/$/, '')
      .toLowerCase();
  }
}

/** `sourceRepos`: a `!` entry that matches denies; otherwise any match allows. */
export function isSourcePermitted(spec: AppProjectSpec, repoURL: string): boolean {
  const url = normalizeRepo(repoURL);
  let allowed = false;
  for (const pattern of spec.sourceRepos ?? []) {
    const deny = pattern.startsWith('!');
    const p = deny ? pattern.slice(1) : pattern;
    const hit = p === '*' || p === repoURL || globMatches(p, repoURL) || normalizeRepo(p) === url;
    if (deny && hit) return false;
    if (!deny && hit) allowed = true;
  }
  return allowed;
}

interface ResolvedDestination {
  server: string;
  name: string;
  namespace: string;
}

function fieldMatches(pattern: string | undefined, value: string): { hit: boolean; deny: boolean } {
  if (pattern === undefined || pattern === '') return { hit: false, deny: false };
  const deny = pattern.startsWith('!');
  const p = deny ? pattern.slice(1) : pattern;
  return { hit: globMatches(p, value), deny };
}

/** `destinations`: server (or name) and namespace must match an entry; `!` entries deny. */
export function isDestinationPermitted(spec: AppProjectSpec, dst: ResolvedDestination): boolean {
  let allowed = false;
  for (const d of spec.destinations ?? []) {
    const cluster = d.server ? fieldMatches(d.server, dst.server) : fieldMatches(d.name, dst.name);
    const ns = fieldMatches(d.namespace ?? '*', dst.namespace);
    const deny = cluster.deny || ns.deny;
    if (deny) {
      // A deny entry denies what its negated fields match (plain fields must match too).
      const clusterHit = cluster.deny ? cluster.hit : cluster.hit;
      if (clusterHit && ns.hit) return false;
      continue;
    }
    if (cluster.hit && ns.hit) allowed = true;
  }
  return allowed;
}

const gkMatches = (p: { group: string; kind: string }, group: string, kind: string) =>
  globMatches(p.group === '' ? '' : p.group, group) && globMatches(p.kind, kind);

/**
 * Cluster-scoped kinds need a `clusterResourceWhitelist` entry (none by default), namespaced kinds
 * are allowed unless `namespaceResourceWhitelist` is set and misses them; blacklists always deny.
 */
export function isGroupKindPermitted(
  spec: AppProjectSpec,
  group: string,
  kind: string,
  namespaced: boolean,
  name = '',
): boolean {
  if (namespaced) {
    const white = spec.namespaceResourceWhitelist;
    const allowed = white === undefined || white.length === 0 || white.some((p) => gkMatches(p, group, kind));
    const denied = (spec.namespaceResourceBlacklist ?? []).some((p) => gkMatches(p, group, kind));
    return allowed && !denied;
  }
  const allowed = (spec.clusterResourceWhitelist ?? []).some(
    (p) => gkMatches(p, group, kind) && (!p.name || globMatches(p.name, name)),
  );
  const denied = (spec.clusterResourceBlacklist ?? []).some(
    (p) => gkMatches(p, group, kind) && (!p.name || globMatches(p.name, name)),
  );
  return allowed && !denied;
}

/** `sourceNamespaces`: Applications outside the control-plane namespace need their namespace listed. */
export function isSourceNamespacePermitted(
  spec: AppProjectSpec,
  namespace: string,
  controlNs: string,
): boolean {
  if (namespace === controlNs) return true;
  return (spec.sourceNamespaces ?? []).some((p) => globMatches(p, namespace));
}

// --- sync windows ------------------------------------------------------------------------------

export interface WindowTarget {
  app: string;
  namespace: string;
  cluster: string;
}

function windowApplies(w: SyncWindow, t: WindowTarget): boolean {
  const checks: boolean[] = [];
  if (w.applications?.length) checks.push(w.applications.some((p) => globMatches(p, t.app)));
  if (w.namespaces?.length) checks.push(w.namespaces.some((p) => globMatches(p, t.namespace)));
  if (w.clusters?.length) checks.push(w.clusters.some((p) => globMatches(p, t.cluster)));
  if (checks.length === 0) return false;
  return w.andOperator ? checks.every(Boolean) : checks.some(Boolean);
}

/** Whether a window is open at `now`: its schedule fired within the last `duration`. */
export function windowActive(w: SyncWindow, now: Date): boolean {
  if (!w.schedule || !w.duration) return false;
  const durationMs = parseDuration(w.duration);
  const cron = new Cron(w.schedule, { timezone: w.timeZone || 'UTC', paused: true });
  const next = cron.nextRun(new Date(now.getTime() - durationMs));
  return next !== null && next.getTime() <= now.getTime();
}

/**
 * Argo CD's `SyncWindows.CanSync`: no windows → allowed; an active deny window blocks (a manual
 * sync passes when it says `manualSync`); with allow windows, only while one is active.
 */
export function syncWindowsAllow(
  windows: readonly SyncWindow[] | undefined,
  target: WindowTarget,
  manual: boolean,
  now: Date = new Date(),
): { allowed: boolean; message: string } {
  const matching = (windows ?? []).filter((w) => windowApplies(w, target));
  if (matching.length === 0) return { allowed: true, message: '' };
  const active = matching.filter((w) => windowActive(w, now));
  const deny = active.filter((w) => w.kind === 'deny');
  if (deny.length > 0) {
    if (manual && deny.every((w) => w.manualSync)) return { allowed: true, message: '' };
    return { allowed: false, message: 'Sync is blocked by a deny sync window' };
  }
  const allows = matching.filter((w) => w.kind !== 'deny');
  if (allows.length === 0) return { allowed: true, message: '' };
  if (active.some((w) => w.kind !== 'deny')) return { allowed: true, message: '' };
  if (manual && allows.some((w) => w.manualSync)) return { allowed: true, message: '' };
  return { allowed: false, message: 'Sync is blocked: no allow sync window is active' };
}

/** The `default` project Argo CD creates when it is missing: everything allowed. */
export function defaultProject(namespace: string): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: DEFAULT_PROJECT, namespace },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

export type { ApplicationDestination };
