import type { CustomResourceDefinition } from '../../index.ts';
import { helmReleaseCrd } from './helm/helmrelease-crd.ts';
import { imagePolicyCrd, imageRepositoryCrd, imageUpdateAutomationCrd } from './image/image-crds.ts';
import { kustomizationCrd } from './kustomize/kustomization-crd.ts';
import { alertCrd, providerCrd, receiverCrd } from './notification/notification-crds.ts';
import { bucketCrd } from './source/bucket-crd.ts';
import { gitRepositoryCrd } from './source/gitrepository-crd.ts';
import { helmChartCrd } from './source/helmchart-crd.ts';
import { helmRepositoryCrd } from './source/helmrepository-crd.ts';
import { ociRepositoryCrd } from './source/ocirepository-crd.ts';

/** The CRDs of Flux's APIs that Capstan serves, sources first. Built fresh on each call. */
export function fluxCrds(): CustomResourceDefinition[] {
  return [
    gitRepositoryCrd(),
    helmRepositoryCrd(),
    helmChartCrd(),
    ociRepositoryCrd(),
    bucketCrd(),
    kustomizationCrd(),
    helmReleaseCrd(),
    alertCrd(),
    providerCrd(),
    receiverCrd(),
    imageRepositoryCrd(),
    imagePolicyCrd(),
    imageUpdateAutomationCrd(),
  ];
}
