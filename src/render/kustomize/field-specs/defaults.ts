// Kustomize's default field specs (api/internal/konfig/builtinpluginconsts at kustomize v5.5.0),
// written out as data: which fields each built-in transformer touches, per kind.
import type { FieldSpec } from '../kustomization.ts';

/** namePrefix/nameSuffix: the object name. */
export const NAME_PREFIX: FieldSpec[] = [{ path: 'metadata/name' }];

/** nameSuffix. */
export const NAME_SUFFIX: FieldSpec[] = [{ path: 'metadata/name' }];

/** commonLabels: labels, selectors and pod template labels. */
export const COMMON_LABELS: FieldSpec[] = [
  { path: 'spec/selector', version: 'v1', kind: 'Service', create: true },
  { path: 'spec/selector', version: 'v1', kind: 'ReplicationController', create: true },
  { path: 'spec/selector/matchLabels', kind: 'Deployment', create: true },
  {
    path: 'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
    group: 'apps',
    kind: 'Deployment',
  },
  {
    path: 'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
    group: 'apps',
    kind: 'Deployment',
  },
  {
    path: 'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
    group: 'apps',
    kind: 'Deployment',
  },
  {
    path: 'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
    group: 'apps',
    kind: 'Deployment',
  },
  {
    path: 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
    group: 'apps',
    kind: 'Deployment',
  },
  { path: 'spec/selector/matchLabels', kind: 'ReplicaSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'DaemonSet', create: true },
  { path: 'spec/selector/matchLabels', group: 'apps', kind: 'StatefulSet', create: true },
  {
    path: 'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
    group: 'apps',
    kind: 'StatefulSet',
  },
  {
    path: 'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
    group: 'apps',
    kind: 'StatefulSet',
  },
  {
    path: 'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
    group: 'apps',
    kind: 'StatefulSet',
  },
  {
    path: 'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
    group: 'apps',
    kind: 'StatefulSet',
  },
  {
    path: 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
    group: 'apps',
    kind: 'StatefulSet',
  },
  { path: 'spec/selector/matchLabels', group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'metadata/labels', create: true },
  { path: 'spec/template/metadata/labels', version: 'v1', kind: 'ReplicationController', create: true },
  { path: 'spec/template/metadata/labels', kind: 'Deployment', create: true },
  { path: 'spec/template/metadata/labels', kind: 'ReplicaSet', create: true },
  { path: 'spec/template/metadata/labels', kind: 'DaemonSet', create: true },
  { path: 'spec/template/metadata/labels', group: 'apps', kind: 'StatefulSet', create: true },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', group: 'apps', kind: 'StatefulSet', create: true },
  { path: 'spec/template/metadata/labels', group: 'batch', kind: 'Job', create: true },
  { path: 'spec/jobTemplate/metadata/labels', group: 'batch', kind: 'CronJob', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', group: 'batch', kind: 'CronJob', create: true },
];

/** labels[].includeTemplates: labels and pod template labels, no selectors. */
export const TEMPLATE_LABELS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  { path: 'spec/template/metadata/labels', version: 'v1', kind: 'ReplicationController', create: true },
  { path: 'spec/template/metadata/labels', kind: 'Deployment', create: true },
  { path: 'spec/template/metadata/labels', kind: 'ReplicaSet', create: true },
  { path: 'spec/template/metadata/labels', kind: 'DaemonSet', create: true },
  { path: 'spec/template/metadata/labels', group: 'apps', kind: 'StatefulSet', create: true },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', group: 'apps', kind: 'StatefulSet', create: true },
  { path: 'spec/template/metadata/labels', group: 'batch', kind: 'Job', create: true },
  { path: 'spec/jobTemplate/metadata/labels', group: 'batch', kind: 'CronJob', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', group: 'batch', kind: 'CronJob', create: true },
];

/** commonAnnotations. */
export const COMMON_ANNOTATIONS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  { path: 'spec/template/metadata/annotations', version: 'v1', kind: 'ReplicationController', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'Deployment', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'ReplicaSet', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'DaemonSet', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'StatefulSet', create: true },
  { path: 'spec/template/metadata/annotations', group: 'batch', kind: 'Job', create: true },
  { path: 'spec/jobTemplate/metadata/annotations', group: 'batch', kind: 'CronJob', create: true },
  {
    path: 'spec/jobTemplate/spec/template/metadata/annotations',
    group: 'batch',
    kind: 'CronJob',
    create: true,
  },
];

/** namespace: fields besides metadata.namespace that carry a namespace. */
export const NAMESPACE: FieldSpec[] = [
  { path: 'metadata/name', kind: 'Namespace', create: true },
  { path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService', create: true },
  {
    path: 'spec/conversion/webhook/clientConfig/service/namespace',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
  },
];

/** images: container image fields. */
export const IMAGES: FieldSpec[] = [
  { path: 'spec/containers[]/image', create: true },
  { path: 'spec/initContainers[]/image', create: true },
  { path: 'spec/template/spec/containers[]/image', create: true },
  { path: 'spec/template/spec/initContainers[]/image', create: true },
];

/** replicas: replica count fields. */
export const REPLICAS: FieldSpec[] = [
  { path: 'spec/replicas', kind: 'Deployment', create: true },
  { path: 'spec/replicas', kind: 'ReplicationController', create: true },
  { path: 'spec/replicas', kind: 'ReplicaSet', create: true },
  { path: 'spec/replicas', kind: 'StatefulSet', create: true },
];

/** vars: fields where $(VAR) is substituted. */
export const VAR_REFERENCE: FieldSpec[] = [
  { path: 'spec/jobTemplate/spec/template/spec/containers/args', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/containers/command', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/containers/env/value', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/initContainers/args', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/initContainers/command', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/initContainers/env/value', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/volumes/nfs/server', kind: 'CronJob' },
  { path: 'spec/template/spec/containers/args', kind: 'DaemonSet' },
  { path: 'spec/template/spec/containers/command', kind: 'DaemonSet' },
  { path: 'spec/template/spec/containers/env/value', kind: 'DaemonSet' },
  { path: 'spec/template/spec/containers/volumeMounts/mountPath', kind: 'DaemonSet' },
  { path: 'spec/template/spec/initContainers/args', kind: 'DaemonSet' },
  { path: 'spec/template/spec/initContainers/command', kind: 'DaemonSet' },
  { path: 'spec/template/spec/initContainers/env/value', kind: 'DaemonSet' },
  { path: 'spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'DaemonSet' },
  { path: 'spec/template/spec/volumes/nfs/server', kind: 'DaemonSet' },
  { path: 'spec/template/spec/containers/args', kind: 'Deployment' },
  { path: 'spec/template/spec/containers/command', kind: 'Deployment' },
  { path: 'spec/template/spec/containers/env/value', kind: 'Deployment' },
  { path: 'spec/template/spec/containers/volumeMounts/mountPath', kind: 'Deployment' },
  { path: 'spec/template/spec/initContainers/args', kind: 'Deployment' },
  { path: 'spec/template/spec/initContainers/command', kind: 'Deployment' },
  { path: 'spec/template/spec/initContainers/env/value', kind: 'Deployment' },
  { path: 'spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'Deployment' },
  { path: 'spec/template/spec/volumes/nfs/server', kind: 'Deployment' },
  { path: 'spec/template/metadata/annotations', kind: 'Deployment' },
  { path: 'spec/rules/host', kind: 'Ingress' },
  { path: 'spec/tls/hosts', kind: 'Ingress' },
  { path: 'spec/tls/secretName', kind: 'Ingress' },
  { path: 'spec/template/spec/containers/args', kind: 'Job' },
  { path: 'spec/template/spec/containers/command', kind: 'Job' },
  { path: 'spec/template/spec/containers/env/value', kind: 'Job' },
  { path: 'spec/template/spec/containers/volumeMounts/mountPath', kind: 'Job' },
  { path: 'spec/template/spec/initContainers/args', kind: 'Job' },
  { path: 'spec/template/spec/initContainers/command', kind: 'Job' },
  { path: 'spec/template/spec/initContainers/env/value', kind: 'Job' },
  { path: 'spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'Job' },
  { path: 'spec/template/spec/volumes/nfs/server', kind: 'Job' },
  { path: 'spec/containers/args', kind: 'Pod' },
  { path: 'spec/containers/command', kind: 'Pod' },
  { path: 'spec/containers/env/value', kind: 'Pod' },
  { path: 'spec/containers/volumeMounts/mountPath', kind: 'Pod' },
  { path: 'spec/initContainers/args', kind: 'Pod' },
  { path: 'spec/initContainers/command', kind: 'Pod' },
  { path: 'spec/initContainers/env/value', kind: 'Pod' },
  { path: 'spec/initContainers/volumeMounts/mountPath', kind: 'Pod' },
  { path: 'spec/volumes/nfs/server', kind: 'Pod' },
  { path: 'spec/template/spec/containers/args', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/containers/command', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/containers/env/value', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/containers/volumeMounts/mountPath', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/initContainers/args', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/initContainers/command', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/initContainers/env/value', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'ReplicaSet' },
  { path: 'spec/template/spec/volumes/nfs/server', kind: 'ReplicaSet' },
  { path: 'spec/ports/port', kind: 'Service' },
  { path: 'spec/ports/targetPort', kind: 'Service' },
  { path: 'spec/template/spec/containers/args', kind: 'StatefulSet' },
  { path: 'spec/template/spec/containers/command', kind: 'StatefulSet' },
  { path: 'spec/template/spec/containers/env/value', kind: 'StatefulSet' },
  { path: 'spec/template/spec/containers/volumeMounts/mountPath', kind: 'StatefulSet' },
  { path: 'spec/template/spec/initContainers/args', kind: 'StatefulSet' },
  { path: 'spec/template/spec/initContainers/command', kind: 'StatefulSet' },
  { path: 'spec/template/spec/initContainers/env/value', kind: 'StatefulSet' },
  { path: 'spec/template/spec/initContainers/volumeMounts/mountPath', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates/spec/nfs/server', kind: 'StatefulSet' },
  { path: 'spec/nfs/server', kind: 'PersistentVolume' },
  { path: 'metadata/labels' },
  { path: 'metadata/annotations' },
];
