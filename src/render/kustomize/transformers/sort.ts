/**
 * Output order (SortOrderTransformer). `legacy` (the default of `kustomize build` and
 * `kubectl kustomize`) puts Namespaces, quotas, CRDs, RBAC, ConfigMaps, Secrets, Services … first
 * and webhook configurations last; `fifo` keeps the order resources were read in.
 */
import { KustomizeError } from '../errors.ts';
import type { SortOptions } from '../kustomization.ts';
import { gvkEquals, gvkString, type Gvk, type ResId } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import type { Transformer } from './transformer.ts';

export const DEFAULT_ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
export const DEFAULT_ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrders(first: string[], last: string[]): Map<string, number> {
  const m = new Map<string, number>();
  first.forEach((n, i) => m.set(n, -first.length + i));
  last.forEach((n, i) => m.set(n, 1 + i));
  return m;
}

const DEFAULT_ORDERS = typeOrders(DEFAULT_ORDER_FIRST, DEFAULT_ORDER_LAST);

function gvkSortString(g: Gvk): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

/** Gvk.IsLessThan (namespaceQuirk: the sorter's special case for core vs non-core Namespaces). */
export function legacyGvkLess(a: Gvk, b: Gvk, namespaceQuirk: boolean, orders = DEFAULT_ORDERS): boolean {
  const i = orders.get(a.kind) ?? 0;
  const j = orders.get(b.kind) ?? 0;
  if (i !== j) return i < j;
  if (
    namespaceQuirk &&
    a.kind === 'Namespace' &&
    b.kind === 'Namespace' &&
    (a.group === '' || b.group === '')
  ) {
    return gvkSortString(a) > gvkSortString(b);
  }
  return gvkSortString(a) < gvkSortString(b);
}

function idSortString(id: ResId): string {
  return `${gvkString(id)}|${id.namespace || '~X'}|${id.name || '~N'}`;
}

export function sortTransformer(options: SortOptions | undefined): Transformer {
  const order = options?.order ?? 'fifo';
  return {
    name: 'SortOrderTransformer',
    transform(m: ResMap): void {
      if (order !== 'fifo' && order !== 'legacy') {
        throw new KustomizeError("the field 'sortOptions.order' must be one of [fifo, legacy]");
      }
      if (order === 'fifo') {
        if (options?.legacySortOptions) {
          throw new KustomizeError(
            "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
          );
        }
        return;
      }
      const lo = options?.legacySortOptions;
      const orders = lo ? typeOrders(lo.orderFirst ?? [], lo.orderLast ?? []) : DEFAULT_ORDERS;
      const items = m.resources().map((r) => ({ r, id: r.curId(), key: '' }));
      for (const it of items) it.key = idSortString(it.id);
      items.sort((x, y) => {
        if (!gvkEquals(x.id, y.id)) {
          if (legacyGvkLess(x.id, y.id, true, orders)) return -1;
          if (legacyGvkLess(y.id, x.id, true, orders)) return 1;
          return 0;
        }
        return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
      });
      m.clear();
      m.appendAll(items.map((i) => i.r));
    },
  };
}
