/**
 * The Application list and stream filters of docs/api.md §8: every filter ANDed, the values of
 * one ORed. Parsed once per request; the stream applies the same predicate to every event.
 */
import type { KubeObject } from '../../core/index.ts';
import { many, one, oneOf, type Query } from '../query/params.ts';
import { parseLabelSelector } from '../query/selector.ts';

export const HEALTH_VALUES = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
] as const;
export const SYNC_VALUES = ['Synced', 'OutOfSync', 'Unknown'] as const;

interface AppShape {
  spec?: {
    project?: string;
    destination?: { namespace?: string };
    source?: { repoURL?: string };
    sources?: { repoURL?: string }[];
  };
  status?: { health?: { status?: string }; sync?: { status?: string } };
}

export const projectOfApp = (app: KubeObject): string => (app as AppShape).spec?.project || 'default';

export function applicationFilter(query: Query): (app: KubeObject) => boolean {
  const projects = many(query, 'projects', 'project');
  const selectorText = one(query, 'selector');
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  const search = one(query, 'search')?.toLowerCase();
  const health = oneOf(many(query, 'health'), HEALTH_VALUES, 'health');
  const sync = oneOf(many(query, 'sync'), SYNC_VALUES, 'sync');
  const namespaces = many(query, 'namespace');
  const repo = one(query, 'repo');
  const appNamespace = one(query, 'appNamespace');
  const name = one(query, 'name');
  return (obj) => {
    const app = obj as KubeObject & AppShape;
    if (projects.length && !projects.includes(projectOfApp(app))) return false;
    if (selector && !selector(app.metadata.labels ?? {})) return false;
    if (
      search &&
      !`${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`.toLowerCase().includes(search)
    )
      return false;
    if (health.length && !health.includes((app.status?.health?.status ?? 'Unknown') as never)) return false;
    if (sync.length && !sync.includes((app.status?.sync?.status ?? 'Unknown') as never)) return false;
    if (namespaces.length && !namespaces.includes(app.spec?.destination?.namespace ?? '')) return false;
    if (repo !== undefined) {
      const repos = [app.spec?.source?.repoURL, ...(app.spec?.sources ?? []).map((s) => s.repoURL)];
      if (!repos.includes(repo)) return false;
    }
    if (appNamespace !== undefined && app.metadata.namespace !== appNamespace) return false;
    if (name !== undefined && app.metadata.name !== name) return false;
    return true;
  };
}
