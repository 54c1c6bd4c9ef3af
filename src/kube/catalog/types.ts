/**
 * The shape of one entry in the built-in resource catalog: everything discovery, REST routing,
 * `kubectl get all` and the embedded cluster's storage need to know about a resource type.
 */

/** REST verbs as discovery lists them. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** Where the `/scale` subresource reads and writes replicas (JSON paths without the leading dot). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  /** Path of the label selector the Scale reports in `status.selector`, when the type has one. */
  labelSelectorPath?: string;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** The REST path segment, lower-case plural: `deployments`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  /** `all` makes `kubectl get all` include the type. */
  categories: readonly string[];
  verbs: readonly Verb[];
  /** Which subresources the API serves for the type. */
  subresources: {
    status?: boolean;
    scale?: ScaleSubresource;
  };
  /** The server sets `metadata.generation` and bumps it on spec changes. */
  generation: boolean;
}

/** Every verb a normal namespaced or cluster-scoped collection serves. */
export const ALL_VERBS: readonly Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** A catalog row with the usual defaults: all verbs, no short names, no categories. */
export function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<Omit<ResourceType, 'group' | 'version' | 'kind' | 'plural' | 'namespaced'>> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    namespaced,
    singular: extra.singular ?? kind.toLowerCase(),
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    verbs: extra.verbs ?? ALL_VERBS,
    subresources: extra.subresources ?? {},
    generation: extra.generation ?? false,
  };
}

/** The scale subresource every replicated workload shares. */
export const REPLICAS_SCALE: ScaleSubresource = {
  specReplicasPath: 'spec.replicas',
  statusReplicasPath: 'status.replicas',
  labelSelectorPath: 'spec.selector',
};
