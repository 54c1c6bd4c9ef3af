/**
 * An application's resource tree, in Argo CD's `ApplicationTree` shape (what the UI draws and
 * `argocd app resources` lists): the application's live objects and everything they own,
 * transitively through ownerReferences, plus the Endpoints of its Services (found by name, as they
 * carry no owner reference). Each node has its health, kind-specific info, images and networking.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import { getHealth, type HealthOptions } from '../health/registry.ts';
import type { HealthStatus } from '../health/status.ts';
import type { ClusterCache } from './types.ts';
import { nodeDetails, type InfoItem, type NetworkingInfo, type ResourceRef } from './node-info.ts';

export interface ResourceNode extends ResourceRef {
  parentRefs?: ResourceRef[];
  info?: InfoItem[];
  networkingInfo?: NetworkingInfo;
  resourceVersion?: string;
  images?: string[];
  health?: HealthStatus;
  createdAt?: string;
}

export interface ApplicationTree {
  nodes: ResourceNode[];
}

export interface TreeOptions {
  health: Partial<HealthOptions>;
}

export const defaultTreeOptions: TreeOptions = { health: {} };

function refOf(obj: KubeObject): ResourceRef {
  const { group, version } = parseApiVersion(obj.apiVersion);
  return {
    group,
    version,
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
  };
}

function toNode(obj: KubeObject, options: TreeOptions): ResourceNode {
  const ref = refOf(obj);
  const details = nodeDetails(obj, ref.group);
  const node: ResourceNode = { ...ref };
  const parents = (obj.metadata.ownerReferences ?? []).map((o) => {
    const { group, version } = parseApiVersion(o.apiVersion);
    return { group, version, kind: o.kind, namespace: ref.namespace, name: o.name, uid: o.uid };
  });
  if (parents.length > 0) node.parentRefs = parents;
  if (details.info.length > 0) node.info = details.info;
  if (details.networkingInfo) node.networkingInfo = details.networkingInfo;
  if (obj.metadata.resourceVersion) node.resourceVersion = obj.metadata.resourceVersion;
  if (details.images.length > 0) node.images = details.images;
  const health = getHealth(obj, options.health);
  if (health) node.health = health;
  if (obj.metadata.creationTimestamp) node.createdAt = obj.metadata.creationTimestamp;
  return node;
}

/** The tree below `roots` (an application's live objects, e.g. `cache.owned(app)`). */
export function buildTree(
  cache: Pick<ClusterCache, 'children' | 'get'>,
  roots: readonly KubeObject[],
  options: Partial<TreeOptions> = {},
): ApplicationTree {
  const o = { ...defaultTreeOptions, ...options };
  const seen = new Set<string>();
  const nodes: ResourceNode[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const obj = queue.shift()!;
    const id =
      obj.metadata.uid ?? `${obj.apiVersion}/${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    nodes.push(toNode(obj, o));
    if (obj.metadata.uid) queue.push(...cache.children(obj.metadata.uid));
    if (obj.apiVersion === 'v1' && obj.kind === 'Service') {
      const ep = cache.get({
        group: '',
        kind: 'Endpoints',
        namespace: obj.metadata.namespace ?? '',
        name: obj.metadata.name ?? '',
      });
      if (ep && !(ep.metadata.ownerReferences ?? []).length) {
        queue.push({
          ...ep,
          metadata: {
            ...ep.metadata,
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Service',
                name: obj.metadata.name ?? '',
                uid: obj.metadata.uid ?? '',
              },
            ],
          },
        });
      }
    }
  }
  const key = (n: ResourceNode) => `${n.group}/${n.kind}/${n.namespace}/${n.name}`;
  nodes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { nodes };
}
