/**
 * CustomResourceDefinition objects (`apiextensions.k8s.io/v1`) as the front ends declare them,
 * and one constructor that fills in what is derived (name, listKind, singular, conversion).
 */
import { CapstanError, type KubeObject, type ObjectMeta } from '../core/index.ts';
import type { Schema } from './crd-schema.ts';

export interface CrdNames {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames?: string[];
  categories?: string[];
}

/** `additionalPrinterColumns`: what `kubectl get` shows besides the name. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  priority?: number;
  description?: string;
  format?: string;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema: { openAPIV3Schema: Schema };
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CustomResourceDefinition extends KubeObject {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: ObjectMeta & { name: string };
  spec: {
    group: string;
    names: CrdNames;
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
    conversion?: { strategy: 'None' };
  };
}

export interface CrdDeclaration {
  group: string;
  kind: string;
  plural: string;
  shortNames?: readonly string[];
  categories?: readonly string[];
  scope?: 'Namespaced' | 'Cluster';
  labels?: Record<string, string>;
  versions: CrdVersion[];
}

/** Builds the CRD object: `metadata.name` is `<plural>.<group>`, the version order is kept. */
export function customResourceDefinition(d: CrdDeclaration): CustomResourceDefinition {
  const names: CrdNames = {
    plural: d.plural,
    singular: d.kind.toLowerCase(),
    kind: d.kind,
    listKind: `${d.kind}List`,
  };
  if (d.shortNames?.length) names.shortNames = [...d.shortNames];
  if (d.categories?.length) names.categories = [...d.categories];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${d.plural}.${d.group}`,
      ...(d.labels ? { labels: { ...d.labels } } : {}),
    },
    spec: {
      group: d.group,
      names,
      scope: d.scope ?? 'Namespaced',
      versions: d.versions,
      conversion: { strategy: 'None' },
    },
  };
}

/** The version new objects are stored in. */
export function storageVersion(crd: CustomResourceDefinition): CrdVersion {
  const v = crd.spec.versions.find((x) => x.storage);
  if (!v)
    throw new CapstanError(`CustomResourceDefinition/${crd.metadata.name}: no storage version`, {
      code: 'CRD_INVALID',
    });
  return v;
}
