import { formatRef, parseApiVersion, type KubeObject } from '../../../core/index.ts';
import { FluxConversionError } from './convert.ts';
import { HELM_GROUP, IMAGE_GROUP, KUSTOMIZE_GROUP, NOTIFICATION_GROUP, SOURCE_GROUP } from './crd.ts';
import type { HelmRelease } from './helm/helmrelease.ts';
import { helmReleaseToInternal } from './helm/helmrelease-convert.ts';
import {
  imagePolicyToInternal,
  imageRepositoryToInternal,
  imageUpdateAutomationToInternal,
} from './image/image-convert.ts';
import type { ImagePolicy } from './image/imagepolicy.ts';
import type { ImageRepository } from './image/imagerepository.ts';
import type { ImageUpdateAutomation } from './image/imageupdateautomation.ts';
import type { Kustomization } from './kustomize/kustomization.ts';
import { kustomizationToInternal } from './kustomize/kustomization-convert.ts';
import type { Alert } from './notification/alert.ts';
import {
  alertToInternal,
  providerToInternal,
  receiverToInternal,
} from './notification/notification-convert.ts';
import type { Provider } from './notification/provider.ts';
import type { Receiver } from './notification/receiver.ts';
import type { Bucket } from './source/bucket.ts';
import { bucketToInternal } from './source/bucket-convert.ts';
import type { GitRepository } from './source/gitrepository.ts';
import { gitRepositoryToInternal } from './source/gitrepository-convert.ts';
import type { HelmChart } from './source/helmchart.ts';
import { helmChartToInternal } from './source/helmchart-convert.ts';
import type { HelmRepository } from './source/helmrepository.ts';
import { helmRepositoryToInternal } from './source/helmrepository-convert.ts';
import type { OCIRepository } from './source/ocirepository.ts';
import { ociRepositoryToInternal } from './source/ocirepository-convert.ts';

/** Each Flux kind Capstan serves, by name, as its internal (storage-version) type. */
export interface FluxKinds {
  GitRepository: GitRepository;
  HelmRepository: HelmRepository;
  HelmChart: HelmChart;
  OCIRepository: OCIRepository;
  Bucket: Bucket;
  Kustomization: Kustomization;
  HelmRelease: HelmRelease;
  Alert: Alert;
  Provider: Provider;
  Receiver: Receiver;
  ImageRepository: ImageRepository;
  ImagePolicy: ImagePolicy;
  ImageUpdateAutomation: ImageUpdateAutomation;
}

export type FluxKindName = keyof FluxKinds;
export type FluxObject = FluxKinds[FluxKindName];

const CONVERTERS: Record<string, Partial<Record<FluxKindName, (obj: KubeObject) => FluxObject>>> = {
  [SOURCE_GROUP]: {
    GitRepository: gitRepositoryToInternal,
    HelmRepository: helmRepositoryToInternal,
    HelmChart: helmChartToInternal,
    OCIRepository: ociRepositoryToInternal,
    Bucket: bucketToInternal,
  },
  [KUSTOMIZE_GROUP]: { Kustomization: kustomizationToInternal },
  [HELM_GROUP]: { HelmRelease: helmReleaseToInternal },
  [NOTIFICATION_GROUP]: {
    Alert: alertToInternal,
    Provider: providerToInternal,
    Receiver: receiverToInternal,
  },
  [IMAGE_GROUP]: {
    ImageRepository: imageRepositoryToInternal,
    ImagePolicy: imagePolicyToInternal,
    ImageUpdateAutomation: imageUpdateAutomationToInternal,
  },
};

function converterOf(
  obj: Pick<KubeObject, 'apiVersion' | 'kind'>,
): ((o: KubeObject) => FluxObject) | undefined {
  return CONVERTERS[parseApiVersion(obj.apiVersion).group]?.[obj.kind as FluxKindName];
}

/** True for the Flux group/kind pairs Capstan serves (any version). */
export function isFluxKind(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return converterOf(obj) !== undefined;
}

/**
 * Any served version of a Flux object in its one internal form: the storage version's shape
 * (v1, v2 for HelmRelease, v1beta3 for Alert/Provider) with deprecated fields converted. Pure:
 * the input is not changed. Rejects with `FluxConversionError` (`FLUX_VERSION_NOT_SERVED`) for
 * kinds or versions Capstan does not serve.
 */
export function toInternal<K extends FluxKindName>(obj: KubeObject & { kind: K }): FluxKinds[K];
export function toInternal(obj: KubeObject): FluxObject;
export function toInternal(obj: KubeObject): FluxObject {
  const convert = converterOf(obj);
  if (!convert)
    throw new FluxConversionError(
      `${formatRef(obj)}: ${obj.apiVersion} ${obj.kind} is not a Flux kind Capstan serves`,
    );
  return convert(obj);
}
