/**
 * URL paths of the Kubernetes REST API: `/api/v1/namespaces/<ns>/pods/<name>/status` for the core
 * group, `/apis/<group>/<version>/…` for the others. Namespaces are left out for cluster-scoped
 * resources, whatever the caller passed.
 */
import type { ApiResource } from '../client.ts';

export function resourcePath(
  r: ApiResource,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  let path = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  if (r.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${r.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}
