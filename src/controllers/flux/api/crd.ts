import {
  customResourceDefinition,
  resourceSchema,
  type CustomResourceDefinition,
  type PrinterColumn,
  type Schema,
} from '../../index.ts';

/** One served version of a Flux kind. */
export interface FluxVersion {
  name: string;
  storage?: boolean;
  /** Old versions are served deprecated, with Flux's warning: `v1beta2 GitRepository is deprecated, upgrade to v1`. */
  deprecated?: boolean;
  spec: Schema;
  /** Absent for kinds without status (Alert and Provider v1beta3). */
  status?: Schema;
  columns: PrinterColumn[];
}

export interface FluxKind {
  group: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  /** `fluxcd` and a per-controller category (`fluxcd-sources`) after `all`. */
  categories: string[];
  /** The controller that serves the kind upstream (`source-controller`), for Flux's labels. */
  component: string;
  versions: FluxVersion[];
}

/**
 * A Flux CRD: every version served, the storage one marked, old ones deprecated with Flux's
 * warning; status subresource wherever the version has a status; Flux's labels
 * (`app.kubernetes.io/part-of: flux`, so `flux check` finds them) plus `managed-by: capstan`.
 */
export function fluxCrd(k: FluxKind): CustomResourceDefinition {
  const storage = k.versions.find((v) => v.storage)?.name ?? '';
  return customResourceDefinition({
    group: k.group,
    kind: k.kind,
    plural: k.plural,
    shortNames: k.shortNames,
    categories: k.categories,
    labels: {
      'app.kubernetes.io/component': k.component,
      'app.kubernetes.io/part-of': 'flux',
      'app.kubernetes.io/managed-by': 'capstan',
    },
    versions: k.versions.map((v) => ({
      name: v.name,
      served: true,
      storage: v.storage === true,
      ...(v.deprecated
        ? { deprecated: true, deprecationWarning: `${v.name} ${k.kind} is deprecated, upgrade to ${storage}` }
        : {}),
      schema: {
        openAPIV3Schema: resourceSchema(v.spec, v.status),
      },
      subresources: v.status ? { status: {} } : {},
      additionalPrinterColumns: v.columns,
    })),
  });
}

export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const NOTIFICATION_GROUP = 'notification.toolkit.fluxcd.io';
export const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
