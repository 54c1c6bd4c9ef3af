import type { KubeObject } from '../../core/index.ts';
import type { JsonSchema } from './schema-types.ts';

/** The fields of a CustomResourceDefinition (apiextensions.k8s.io/v1) the server reads. */
export interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: CrdNames;
  versions: CrdVersionSpec[];
  conversion?: { strategy?: string };
  preserveUnknownFields?: boolean;
}

export interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdVersionSpec {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  schema?: { openAPIV3Schema?: JsonSchema };
  subresources?: {
    status?: object;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: {
    name: string;
    type: string;
    format?: string;
    description?: string;
    priority?: number;
    jsonPath: string;
  }[];
  selectableFields?: { jsonPath: string }[];
}

export interface Crd extends KubeObject {
  spec: CrdSpec;
  status?: {
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    acceptedNames?: CrdNames;
    storedVersions?: string[];
  };
}

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
export const CRD_STORAGE_KEY = 'apiextensions.k8s.io/customresourcedefinitions';
/** The finalizer that keeps a CRD until its objects are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export function isCrd(resource: { group: string; kind: string }): boolean {
  return resource.group === 'apiextensions.k8s.io' && resource.kind === 'CustomResourceDefinition';
}
