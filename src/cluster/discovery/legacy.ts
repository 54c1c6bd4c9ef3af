import { formatApiVersion } from '../../core/index.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** `GET /api`: the core group's versions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function group(name: string, versions: string[]): object {
  const gvs = versions.map((version) => ({ groupVersion: formatApiVersion(name, version), version }));
  return { name, versions: gvs, preferredVersion: gvs[0] };
}

/** `GET /apis`: every named group. */
export function apiGroupList(registry: Registry): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.name !== '')
      .map((g) => group(g.name, g.versions)),
  };
}

/** `GET /apis/<group>`, or undefined when the group is not served. */
export function apiGroup(registry: Registry, name: string): object | undefined {
  const g = registry.groups().find((x) => x.name === name && name !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...group(g.name, g.versions) } : undefined;
}

/** `GET /api/v1`, `GET /apis/<group>/<version>`: the resources and their subresources. */
export function apiResourceList(registry: Registry, group: string, version: string): object | undefined {
  const infos = registry.all().filter((r) => r.group === group && r.version === version);
  if (infos.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: formatApiVersion(group, version),
    resources: infos.flatMap(resourceEntries),
  };
}

function resourceEntries(r: ResourceInfo): object[] {
  const main: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) main['shortNames'] = r.shortNames;
  if (r.categories.length > 0) main['categories'] = r.categories;
  const out: object[] = [main];
  if (r.subresources.status) {
    out.push({
      name: `${r.plural}/status`,
      singularName: '',
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (r.subresources.scale) {
    out.push({
      name: `${r.plural}/scale`,
      singularName: '',
      namespaced: r.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (r.group === '' && r.kind === 'Namespace') {
    out.push({
      name: 'namespaces/finalize',
      singularName: '',
      namespaced: false,
      kind: 'Namespace',
      verbs: ['update'],
    });
  }
  return out;
}
