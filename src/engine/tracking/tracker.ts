/**
 * Which objects belong to which application: one interface, two conventions. A `Tracker` stamps
 * desired objects with their owner before apply and reads the owner back from live objects (the
 * cluster cache indexes by it).
 *
 * - Argo CD: the tracking-id annotation, the instance label, or both (`annotation+label` writes both
 *   and trusts the annotation). A tracking id that does not describe the object it sits on (copied
 *   by a tool into another object) means "not ours". An installation id, when configured, must match.
 * - Flux: the labels `kustomize.toolkit.fluxcd.io/name` and `/namespace`; the owner is `namespace/name`.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import {
  APP_INSTANCE_LABEL,
  ARGO_INSTALLATION_ID,
  ARGO_TRACKING_ID,
  FLUX_NAME_LABEL,
  FLUX_NAMESPACE_LABEL,
} from '../object/annotations.ts';
import { formatTrackingId, instanceLabelValue, parseTrackingId } from './argo.ts';

export interface Tracker {
  /** A copy of `obj` marked as owned by `owner`. */
  stamp(obj: KubeObject, owner: string): KubeObject;
  /** The owner recorded on a live object, or undefined. */
  ownerOf(obj: KubeObject): string | undefined;
}

export type ArgoTrackingMethod = 'annotation' | 'label' | 'annotation+label';

export interface ArgoTrackerOptions {
  method: ArgoTrackingMethod;
  /** `application.instanceLabelKey`. */
  labelKey: string;
  /** `installationID`: separates several Argo CD instances on one cluster. */
  installationId: string | undefined;
  /**
   * Namespace written into tracking ids of objects without one (Argo CD writes the destination
   * namespace there, even for cluster-scoped objects; reading ignores it for them).
   */
  defaultNamespace: string;
}

export const defaultArgoTrackerOptions: ArgoTrackerOptions = {
  method: 'annotation',
  labelKey: APP_INSTANCE_LABEL,
  installationId: undefined,
  defaultNamespace: '',
};

function withMetadata(
  obj: KubeObject,
  labels: Record<string, string>,
  annotations: Record<string, string>,
): KubeObject {
  const m = obj.metadata;
  return {
    ...obj,
    metadata: {
      ...m,
      ...(Object.keys(labels).length > 0 && { labels: { ...m.labels, ...labels } }),
      ...(Object.keys(annotations).length > 0 && { annotations: { ...m.annotations, ...annotations } }),
    },
  };
}

export function argoTracker(options: Partial<ArgoTrackerOptions> = {}): Tracker {
  const o = { ...defaultArgoTrackerOptions, ...options };
  const useAnnotation = o.method !== 'label';
  const useLabel = o.method !== 'annotation';
  return {
    stamp(obj, owner) {
      const annotations: Record<string, string> = {};
      const labels: Record<string, string> = {};
      if (useAnnotation) {
        annotations[ARGO_TRACKING_ID] = formatTrackingId({
          app: owner,
          group: parseApiVersion(obj.apiVersion).group,
          kind: obj.kind,
          namespace: obj.metadata.namespace || o.defaultNamespace,
          name: obj.metadata.name ?? '',
        });
        if (o.installationId) annotations[ARGO_INSTALLATION_ID] = o.installationId;
      }
      if (useLabel) labels[o.labelKey] = instanceLabelValue(owner);
      return withMetadata(obj, labels, annotations);
    },
    ownerOf(obj) {
      const a = obj.metadata.annotations ?? {};
      if (o.installationId !== undefined && a[ARGO_INSTALLATION_ID] !== o.installationId) return undefined;
      if (!useAnnotation) return obj.metadata.labels?.[o.labelKey];
      const raw = a[ARGO_TRACKING_ID];
      if (raw === undefined) return undefined;
      let id;
      try {
        id = parseTrackingId(raw);
      } catch {
        return undefined;
      }
      const ns = obj.metadata.namespace ?? '';
      const matches =
        id.group === parseApiVersion(obj.apiVersion).group &&
        id.kind === obj.kind &&
        id.name === (obj.metadata.name ?? '') &&
        (ns === '' || id.namespace === ns);
      return matches ? id.app : undefined;
    },
  };
}

/** Flux owner strings are `namespace/name` of the Kustomization. */
export function fluxTracker(): Tracker {
  return {
    stamp(obj, owner) {
      const [namespace = '', name = ''] = owner.split('/');
      return withMetadata(obj, { [FLUX_NAME_LABEL]: name, [FLUX_NAMESPACE_LABEL]: namespace }, {});
    },
    ownerOf(obj) {
      const l = obj.metadata.labels ?? {};
      const name = l[FLUX_NAME_LABEL];
      const namespace = l[FLUX_NAMESPACE_LABEL];
      return name && namespace ? `${namespace}/${name}` : undefined;
    },
  };
}
