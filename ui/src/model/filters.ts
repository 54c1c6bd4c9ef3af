// The applications page's filters, kept in the URL (shareable, survives reload) and turned into
// the server-side queries of docs/api.md §8–9.
import type { HealthStatus, SyncStatus } from '../api/types.ts';
import type { AppListQuery } from '../api/applications.ts';
import type { FluxListQuery } from '../api/flux.ts';
import { isHealthStatus, isSyncStatus } from './health.ts';

export type KindFilter = 'all' | 'argo' | 'flux';
export type ViewMode = 'tiles' | 'list';

export interface AppFilters {
  search: string;
  projects: string[];
  sync: SyncStatus[];
  health: HealthStatus[];
  namespaces: string[];
  labels: string;
  kind: KindFilter;
  view: ViewMode;
}

export const emptyFilters: AppFilters = {
  search: '',
  projects: [],
  sync: [],
  health: [],
  namespaces: [],
  labels: '',
  kind: 'all',
  view: 'tiles',
};

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function parseFilters(search: string): AppFilters {
  const p = new URLSearchParams(search);
  const kind = p.get('kind');
  return {
    search: p.get('search') ?? '',
    projects: list(p.get('proj')),
    sync: list(p.get('sync')).filter(isSyncStatus),
    health: list(p.get('health')).filter(isHealthStatus),
    namespaces: list(p.get('namespace')),
    labels: p.get('labels') ?? '',
    kind: kind === 'argo' || kind === 'flux' ? kind : 'all',
    view: p.get('view') === 'list' ? 'list' : 'tiles',
  };
}

export function formatFilters(f: AppFilters): string {
  const p = new URLSearchParams();
  if (f.search) p.set('search', f.search);
  if (f.projects.length) p.set('proj', f.projects.join(','));
  if (f.sync.length) p.set('sync', f.sync.join(','));
  if (f.health.length) p.set('health', f.health.join(','));
  if (f.namespaces.length) p.set('namespace', f.namespaces.join(','));
  if (f.labels) p.set('labels', f.labels);
  if (f.kind !== 'all') p.set('kind', f.kind);
  if (f.view !== 'tiles') p.set('view', f.view);
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

export function isFiltered(f: AppFilters): boolean {
  return formatFilters({ ...f, view: 'tiles' }) !== '';
}

/** The Argo query, or undefined when the kind filter leaves Applications out. */
export function appQuery(f: AppFilters): AppListQuery | undefined {
  if (f.kind === 'flux') return undefined;
  return {
    projects: f.projects,
    sync: f.sync,
    health: f.health,
    namespace: f.namespaces,
    selector: f.labels.trim(),
    search: f.search.trim(),
  };
}

/** Why Kustomizations are left out of the list, if they are: they have no project or sync status. */
export function fluxExcludedBy(f: AppFilters): string | undefined {
  if (f.kind === 'argo') return 'kind';
  if (f.projects.length > 0) return 'project';
  if (f.sync.length > 0) return 'sync status';
  return undefined;
}

/** The Flux query, or undefined when the filters leave Kustomizations out. */
export function fluxQuery(f: AppFilters): FluxListQuery | undefined {
  if (fluxExcludedBy(f)) return undefined;
  return { health: f.health, namespace: f.namespaces, selector: f.labels.trim(), search: f.search.trim() };
}
