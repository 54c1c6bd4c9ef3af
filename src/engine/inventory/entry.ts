/**
 * Flux inventory entries (`status.inventory.entries[]`): `id` is `<namespace>_<name>_<group>_<kind>`
 * (cli-utils `ObjMetadata.String`; empty namespace for cluster-scoped objects, empty group for the
 * core group) and `v` the API version. Colons in RBAC names, not allowed in the id, are written as
 * `__`. Parsing splits the namespace at the first `_` and group and kind at the last two, so names
 * may contain underscores.
 */
import { CapstanError, formatApiVersion, parseApiVersion, type KubeObject } from '../../core/index.ts';

export interface InventoryEntry {
  id: string;
  v: string;
}

export interface ObjMetadata {
  namespace: string;
  name: string;
  group: string;
  kind: string;
}

export class InventoryIdError extends CapstanError {
  constructor(id: string) {
    super(`inventory entry ${JSON.stringify(id)}: unable to parse stored object metadata`, {
      code: 'INVALID_INVENTORY_ID',
    });
  }
}

const RBAC = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function formatInventoryId(m: ObjMetadata): string {
  const name = m.group === RBAC_GROUP && RBAC.has(m.kind) ? m.name.replaceAll(':', '__') : m.name;
  return `${m.namespace}_${name}_${m.group}_${m.kind}`;
}

export function parseInventoryId(id: string): ObjMetadata {
  const first = id.indexOf('_');
  if (first < 0) throw new InventoryIdError(id);
  const namespace = id.slice(0, first);
  let rest = id.slice(first + 1);
  const k = rest.lastIndexOf('_');
  if (k < 0) throw new InventoryIdError(id);
  const kind = rest.slice(k + 1);
  rest = rest.slice(0, k);
  const g = rest.lastIndexOf('_');
  if (g < 0) throw new InventoryIdError(id);
  return { namespace, name: rest.slice(0, g).replaceAll('__', ':'), group: rest.slice(g + 1), kind };
}

export function objMetadataOf(obj: KubeObject): ObjMetadata {
  return {
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
  };
}

export function entryOf(obj: KubeObject): InventoryEntry {
  return { id: formatInventoryId(objMetadataOf(obj)), v: parseApiVersion(obj.apiVersion).version };
}

/** A metadata-only object for an entry: enough to get, delete or print it. */
export function objectOfEntry(entry: InventoryEntry): KubeObject {
  const m = parseInventoryId(entry.id);
  return {
    apiVersion: formatApiVersion(m.group, entry.v),
    kind: m.kind,
    metadata: m.namespace ? { name: m.name, namespace: m.namespace } : { name: m.name },
  };
}
