import type { Registry } from '../registry/registry.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/**
 * Aggregated discovery (`apidiscovery.k8s.io` v2 or v2beta1, same shape): all groups, versions
 * and resources in one document, for `/api` (the core group) or `/apis` (the others).
 */
export function aggregatedDiscovery(registry: Registry, core: boolean, version: 'v2' | 'v2beta1'): object {
  const all = registry.all();
  const items = registry
    .groups()
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((v) => ({
        version: v,
        resources: all.filter((r) => r.group === g.name && r.version === v).map(resourceEntry),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function resourceEntry(r: ResourceInfo): object {
  const entry: Record<string, unknown> = {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) entry['shortNames'] = r.shortNames;
  if (r.categories.length > 0) entry['categories'] = r.categories;
  const subresources: object[] = [];
  if (r.subresources.status) {
    subresources.push({
      subresource: 'status',
      responseKind: { group: r.group, version: r.version, kind: r.kind },
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (r.subresources.scale) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (r.group === '' && r.kind === 'Namespace') {
    subresources.push({
      subresource: 'finalize',
      responseKind: { group: '', version: 'v1', kind: 'Namespace' },
      verbs: ['update'],
    });
  }
  if (subresources.length > 0) entry['subresources'] = subresources;
  return entry;
}
