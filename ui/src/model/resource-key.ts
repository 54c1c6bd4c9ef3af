// One resource identity for joining the tree, status.resources and managed-resources, which
// name resources by group/kind/namespace/name (docs/api.md §8).

export interface ResourceIdentity {
  group?: string | undefined;
  kind: string;
  namespace?: string | undefined;
  name: string;
}

export function resourceKey(r: ResourceIdentity): string {
  return `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/** `Deployment/web/api` or `Namespace/web`: how Capstan prints an object everywhere. */
export function formatResource(r: ResourceIdentity): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}
