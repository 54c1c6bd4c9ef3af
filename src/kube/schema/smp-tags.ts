/**
 * Strategic-merge-patch struct tags of built-in types: one row per (group/version, Go type, field)
 * with its patch strategy and merge key.
 *
 * Source: `/work/shared/reference/data/smp-tags-v1.33.tsv` (the `patchStrategy`/`patchMergeKey` struct
 * tags of GA k8s.io/api v0.33.13 types, 52 rows, in that file's order) plus the two ObjectMeta rows
 * from k8s.io/apimachinery that the file leaves out (kubernetes-api.md §2.3). To update: regenerate
 * the TSV for a newer k8s.io/api and re-run the conversion described in src/kube/README.md.
 */

/** [group/version, Go type, JSON field, patch strategy, merge key ('' when none)] */
export type SmpTagRow = readonly [
  gv: string,
  goType: string,
  field: string,
  strategy: string,
  mergeKey: string,
];

export const SMP_TAGS: readonly SmpTagRow[] = [
  ['meta/v1', 'ObjectMeta', 'ownerReferences', 'merge', 'uid'],
  ['meta/v1', 'ObjectMeta', 'finalizers', 'merge', ''],
  ['admissionregistration/v1', 'ValidatingAdmissionPolicySpec', 'matchConditions', 'merge', 'name'],
  ['admissionregistration/v1', 'ValidatingAdmissionPolicySpec', 'variables', 'merge', 'name'],
  ['admissionregistration/v1', 'ValidatingWebhookConfiguration', 'webhooks', 'merge', 'name'],
  ['admissionregistration/v1', 'MutatingWebhookConfiguration', 'webhooks', 'merge', 'name'],
  ['admissionregistration/v1', 'ValidatingWebhook', 'matchConditions', 'merge', 'name'],
  ['admissionregistration/v1', 'MutatingWebhook', 'matchConditions', 'merge', 'name'],
  ['apps/v1', 'StatefulSetStatus', 'conditions', 'merge', 'type'],
  ['apps/v1', 'DeploymentSpec', 'strategy', 'retainKeys', ''],
  ['apps/v1', 'DeploymentStatus', 'conditions', 'merge', 'type'],
  ['apps/v1', 'DaemonSetStatus', 'conditions', 'merge', 'type'],
  ['apps/v1', 'ReplicaSetStatus', 'conditions', 'merge', 'type'],
  ['autoscaling/v2', 'HorizontalPodAutoscalerStatus', 'conditions', 'merge', 'type'],
  ['batch/v1', 'JobStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'PersistentVolumeClaimStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'Container', 'ports', 'merge', 'containerPort'],
  ['core/v1', 'Container', 'env', 'merge', 'name'],
  ['core/v1', 'Container', 'volumeMounts', 'merge', 'mountPath'],
  ['core/v1', 'Container', 'volumeDevices', 'merge', 'devicePath'],
  ['core/v1', 'ContainerStatus', 'volumeMounts', 'merge', 'mountPath'],
  ['core/v1', 'ContainerStatus', 'allocatedResourcesStatus', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'volumes', 'merge,retainKeys', 'name'],
  ['core/v1', 'PodSpec', 'initContainers', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'containers', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'ephemeralContainers', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'imagePullSecrets', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'hostAliases', 'merge', 'ip'],
  ['core/v1', 'PodSpec', 'topologySpreadConstraints', 'merge', 'topologyKey'],
  ['core/v1', 'PodSpec', 'schedulingGates', 'merge', 'name'],
  ['core/v1', 'PodSpec', 'resourceClaims', 'merge,retainKeys', 'name'],
  ['core/v1', 'EphemeralContainerCommon', 'ports', 'merge', 'containerPort'],
  ['core/v1', 'EphemeralContainerCommon', 'env', 'merge', 'name'],
  ['core/v1', 'EphemeralContainerCommon', 'volumeMounts', 'merge', 'mountPath'],
  ['core/v1', 'EphemeralContainerCommon', 'volumeDevices', 'merge', 'devicePath'],
  ['core/v1', 'PodStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'PodStatus', 'hostIPs', 'merge', 'ip'],
  ['core/v1', 'PodStatus', 'podIPs', 'merge', 'ip'],
  ['core/v1', 'PodStatus', 'resourceClaimStatuses', 'merge,retainKeys', 'name'],
  ['core/v1', 'ReplicationControllerStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'ServiceStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'ServiceSpec', 'ports', 'merge', 'port'],
  ['core/v1', 'ServiceAccount', 'secrets', 'merge', 'name'],
  ['core/v1', 'NodeSpec', 'podCIDRs', 'merge', ''],
  ['core/v1', 'NodeStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'NodeStatus', 'addresses', 'merge', 'type'],
  ['core/v1', 'NamespaceStatus', 'conditions', 'merge', 'type'],
  ['core/v1', 'ComponentStatus', 'conditions', 'merge', 'type'],
  ['flowcontrol/v1', 'FlowSchemaStatus', 'conditions', 'merge', 'type'],
  ['flowcontrol/v1', 'PriorityLevelConfigurationStatus', 'conditions', 'merge', 'type'],
  ['networking/v1', 'ServiceCIDRStatus', 'conditions', 'merge', 'type'],
  ['policy/v1', 'PodDisruptionBudgetSpec', 'selector', 'replace', ''],
  ['policy/v1', 'PodDisruptionBudgetStatus', 'conditions', 'merge', 'type'],
  ['storage/v1', 'CSINodeSpec', 'drivers', 'merge', 'name'],
];
