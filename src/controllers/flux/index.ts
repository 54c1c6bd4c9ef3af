// Public face of the `controllers/flux` module; see README.md.

// Shared API types.
export type {
  Condition,
  LocalObjectReference,
  SecretKeyReference,
  NamespacedObjectReference,
  NamespacedObjectKindReference,
  Artifact,
  AccessFrom,
  LabelSelector,
  Selector,
  Patch,
  Image,
  JSON6902Patch,
  IgnoreRule,
  CustomHealthCheck,
  DependencyReference,
  KubeConfigReference,
  ResourceInventory,
  OCIVerification,
  ReconcileStatus,
} from './api/meta.ts';

// source.toolkit.fluxcd.io
export type {
  GitRepository,
  GitRepositorySpec,
  GitRepositoryRef,
  GitRepositoryVerification,
  GitRepositoryInclude,
  GitRepositoryStatus,
  GitRepositorySpecV1beta2Only,
} from './api/source/gitrepository.ts';
export type {
  HelmRepository,
  HelmRepositorySpec,
  HelmRepositoryStatus,
} from './api/source/helmrepository.ts';
export type {
  HelmChart,
  HelmChartSpec,
  HelmChartStatus,
  HelmChartSpecV1beta2Only,
} from './api/source/helmchart.ts';
export type {
  OCIRepository,
  OCIRepositorySpec,
  OCIRepositoryStatus,
  OCILayerSelector,
} from './api/source/ocirepository.ts';
export type { Bucket, BucketSpec, BucketStatus, BucketSpecV1beta2Only } from './api/source/bucket.ts';

// kustomize.toolkit.fluxcd.io
export type {
  Kustomization,
  KustomizationSpec,
  KustomizationStatus,
  KustomizationSnapshot,
  KustomizationSpecDeprecated,
  CrossNamespaceSourceReference,
  PostBuild,
} from './api/kustomize/kustomization.ts';

// helm.toolkit.fluxcd.io
export type {
  HelmRelease,
  HelmReleaseSpec,
  HelmReleaseStatus,
  HelmReleaseDeprecated,
  HelmChartTemplate,
  CRDsPolicy,
  Remediation,
  ActionStrategy,
  Install,
  Upgrade,
  Test,
  Rollback,
  Uninstall,
  ServerSideApplyMode,
  ValuesReference,
  PostRenderer,
  Snapshot,
} from './api/helm/helmrelease.ts';

// notification.toolkit.fluxcd.io
export type {
  Alert,
  AlertSpec,
  AlertStatusV1beta2,
  EventSourceKind,
  CrossNamespaceObjectReference,
} from './api/notification/alert.ts';
export {
  PROVIDER_TYPES,
  type Provider,
  type ProviderSpec,
  type ProviderType,
} from './api/notification/provider.ts';
export {
  RECEIVER_TYPES,
  type Receiver,
  type ReceiverSpec,
  type ReceiverStatus,
} from './api/notification/receiver.ts';

// image.toolkit.fluxcd.io
export type {
  ImageRepository,
  ImageRepositorySpec,
  ImageRepositoryStatus,
} from './api/image/imagerepository.ts';
export type {
  ImagePolicy,
  ImagePolicySpec,
  ImagePolicyStatus,
  ImagePolicyStatusV1beta1,
  ImageRef,
} from './api/image/imagepolicy.ts';
export type {
  ImageUpdateAutomation,
  ImageUpdateAutomationSpec,
  ImageUpdateAutomationStatus,
  GitSpec,
} from './api/image/imageupdateautomation.ts';

// Conversion of every served version to one internal form.
export {
  toInternal,
  isFluxKind,
  type FluxKinds,
  type FluxKindName,
  type FluxObject,
} from './api/to-internal.ts';
export { FluxConversionError } from './api/convert.ts';
export { gitRepositoryToInternal } from './api/source/gitrepository-convert.ts';
export { helmRepositoryToInternal } from './api/source/helmrepository-convert.ts';
export { helmChartToInternal } from './api/source/helmchart-convert.ts';
export { ociRepositoryToInternal } from './api/source/ocirepository-convert.ts';
export { bucketToInternal } from './api/source/bucket-convert.ts';
export { kustomizationToInternal } from './api/kustomize/kustomization-convert.ts';
export { helmReleaseToInternal } from './api/helm/helmrelease-convert.ts';
export {
  alertToInternal,
  providerToInternal,
  receiverToInternal,
} from './api/notification/notification-convert.ts';
export {
  imageRepositoryToInternal,
  imagePolicyToInternal,
  imageUpdateAutomationToInternal,
  parseImageRef,
  migrateMessageTemplate,
} from './api/image/image-convert.ts';

// The CRDs and their installation.
export { SOURCE_GROUP, KUSTOMIZE_GROUP, HELM_GROUP, NOTIFICATION_GROUP, IMAGE_GROUP } from './api/crd.ts';
export { fluxCrds } from './api/crds.ts';
export { installCrds, defaultInstallCrdsOptions, type InstallCrdsOptions } from './install.ts';

// The controllers: GitRepository (source-controller) and Kustomization (kustomize-controller).
export { startFluxControllers, type RunningFlux } from './controllers.ts';
export { defaultFluxControllersOptions, type FluxControllersOptions } from './options.ts';
export {
  envsubst,
  substituteObjects,
  substituteAnnotation,
  type SubstituteOptions,
} from './kustomize/substitute.ts';
