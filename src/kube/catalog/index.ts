import { formatApiVersion } from '../../core/index.ts';
import { APPS_V1 } from './apps-v1.ts';
import { CORE_V1 } from './core-v1.ts';
import {
  ADMISSIONREGISTRATION_V1,
  APIEXTENSIONS_V1,
  AUTOSCALING_V2,
  BATCH_V1,
  COORDINATION_V1,
  DISCOVERY_V1,
  EVENTS_V1,
  NETWORKING_V1,
  POLICY_V1,
  RBAC_V1,
  SCHEDULING_V1,
  STORAGE_V1,
} from './other-groups.ts';
import type { ResourceType } from './types.ts';

export { ALL_VERBS, type ResourceType, type ScaleSubresource, type Verb } from './types.ts';

/**
 * Every built-in resource type the embedded cluster serves, in discovery order: group by group
 * (core first, then the order a 1.31 API server lists groups in), resources sorted by plural.
 */
export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  ...CORE_V1,
  ...APPS_V1,
  ...EVENTS_V1,
  ...AUTOSCALING_V2,
  ...BATCH_V1,
  ...NETWORKING_V1,
  ...POLICY_V1,
  ...RBAC_V1,
  ...STORAGE_V1,
  ...ADMISSIONREGISTRATION_V1,
  ...APIEXTENSIONS_V1,
  ...SCHEDULING_V1,
  ...COORDINATION_V1,
  ...DISCOVERY_V1,
];

/** The built-in type with this apiVersion and kind, if any. */
export function builtinByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return BY_KIND.get(`${apiVersion}|${kind}`);
}

/** The built-in type served at `group/version/plural`, if any. */
export function builtinByResource(group: string, version: string, plural: string): ResourceType | undefined {
  return BY_RESOURCE.get(`${group}|${version}|${plural}`);
}

/** Built-in group/versions in discovery order, e.g. `['v1', 'apps/v1', …]`. */
export function builtinGroupVersions(): string[] {
  return [...new Set(BUILTIN_RESOURCES.map((r) => formatApiVersion(r.group, r.version)))];
}

const BY_KIND = new Map(
  BUILTIN_RESOURCES.map((r) => [`${formatApiVersion(r.group, r.version)}|${r.kind}`, r]),
);
const BY_RESOURCE = new Map(BUILTIN_RESOURCES.map((r) => [`${r.group}|${r.version}|${r.plural}`, r]));
