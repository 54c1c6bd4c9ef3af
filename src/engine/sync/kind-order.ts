/**
 * The kind order inside one phase and wave, from Helm's `kind_sorter.go` as gitops-engine copies it
 * (`sync_tasks.go`): a listed kind ranks at its position minus the list length, so every listed kind
 * is negative and every unlisted kind (custom resources) ranks 0, after all built-ins.
 */
export const argoKindOrder: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const rank = new Map(argoKindOrder.map((k, i) => [k, i - argoKindOrder.length]));

export function kindRank(kind: string): number {
  return rank.get(kind) ?? 0;
}
