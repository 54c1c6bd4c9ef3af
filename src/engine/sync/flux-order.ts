/**
 * Flux's staged apply (fluxcd/pkg `ssa/sort.go`, `ApplyAllStaged`): cluster definitions first (CRDs,
 * Namespaces, ClusterRoles), waited for; then `*Class` kinds, waited for; then kinds the operator
 * listed as custom stages; then everything else. Within a stage objects follow `fluxKindOrder`, then
 * group, kind, namespace and name, so output is deterministic. Deletion runs in reverse.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';

export const fluxKindOrder = {
  first: [
    'CustomResourceDefinition',
    'Namespace',
    'ClusterRole',
    'ClusterClass',
    'RuntimeClass',
    'PriorityClass',
    'StorageClass',
    'VolumeSnapshotClass',
    'IngressClass',
    'GatewayClass',
    'ClusterRoleBinding',
    'ResourceQuota',
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ConfigMap',
    'Secret',
    'Service',
    'LimitRange',
    'Deployment',
    'StatefulSet',
    'CronJob',
    'PodDisruptionBudget',
  ],
  last: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
} as const;

const index = new Map<string, number>([
  ...fluxKindOrder.first.map((k, i): [string, number] => [k, i - fluxKindOrder.first.length]),
  ...fluxKindOrder.last.map((k, i): [string, number] => [k, i + 1]),
]);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareFluxOrder(a: KubeObject, b: KubeObject): number {
  const ga = parseApiVersion(a.apiVersion).group;
  const gb = parseApiVersion(b.apiVersion).group;
  if (ga !== gb || a.kind !== b.kind) {
    const d = (index.get(a.kind) ?? 0) - (index.get(b.kind) ?? 0);
    if (d !== 0) return d;
    return ga !== gb ? cmp(ga, gb) : cmp(a.kind, b.kind);
  }
  return (
    cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    cmp(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}

export function isClusterDefinition(o: KubeObject): boolean {
  const kind = o.kind.toLowerCase();
  return (
    (kind === 'customresourcedefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/')) ||
    (kind === 'namespace' && o.apiVersion === 'v1') ||
    (kind === 'clusterrole' && o.apiVersion.startsWith('rbac.authorization.k8s.io/'))
  );
}

export interface FluxStages {
  /** Applied, then waited for until Current. */
  definitions: KubeObject[];
  /** Applied, then waited for until Current. */
  classes: KubeObject[];
  /** `--custom-apply-stage-kinds`: applied, not waited for. */
  custom: KubeObject[];
  resources: KubeObject[];
}

/** `customStageKinds` are `group/Kind` (`rbac.authorization.k8s.io/Role`; `Kind` for the core group). */
export function fluxApplyStages(
  objects: readonly KubeObject[],
  customStageKinds: readonly string[] = [],
): FluxStages {
  const custom = new Set(customStageKinds);
  const out: FluxStages = { definitions: [], classes: [], custom: [], resources: [] };
  for (const o of objects) {
    const g = parseApiVersion(o.apiVersion).group;
    if (isClusterDefinition(o)) out.definitions.push(o);
    else if (o.kind.endsWith('Class')) out.classes.push(o);
    else if (custom.has(g ? `${g}/${o.kind}` : o.kind)) out.custom.push(o);
    else out.resources.push(o);
  }
  for (const list of [out.definitions, out.classes, out.custom, out.resources]) list.sort(compareFluxOrder);
  return out;
}

/** Prune order: the reverse of apply order. */
export function fluxDeleteOrder(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => compareFluxOrder(b, a));
}
