/**
 * Taking ownership back from kubectl (kustomize-controller `apply()` with fluxcd/pkg `ssa`'s
 * cleanup options, flux.md §2.5): before applying, the fields that `kubectl` (by name prefix, as
 * Flux matches: `kubectl-edit`, `kubectl-client-side-apply`…), `before-first-apply` and the
 * controller itself recorded as main-resource entries move to the controller's Apply entry, and the
 * annotations of older tools go. The next apply then owns those fields, so what a `kubectl edit`
 * added and Git does not have is removed. Flux renames the entries; here their field sets are
 * merged into one entry, which is what the server would keep anyway.
 *
 * Objects annotated `kustomize.toolkit.fluxcd.io/ssa: Merge` keep other tools' fields.
 */
import type { KubeObject } from '../../core/index.ts';
import {
  decodeManagedFields,
  encodeManagedFields,
  type JsonPatchOperation,
  type ManagerEntry,
  type Managers,
} from '../../kube/index.ts';
import { LAST_APPLIED } from '../object/annotations.ts';

export interface FieldManagerRef {
  /** Matched as a prefix of the entry's manager. */
  name: string;
  operation: 'Apply' | 'Update';
}

export const FLUX_SSA_ANNOTATION = 'kustomize.toolkit.fluxcd.io/ssa';

/** The managers kustomize-controller takes fields from, for a controller named `fieldManager`. */
export function fluxTakeoverManagers(fieldManager: string): FieldManagerRef[] {
  return [
    { name: 'kubectl', operation: 'Apply' },
    { name: 'kubectl', operation: 'Update' },
    { name: 'before-first-apply', operation: 'Update' },
    { name: fieldManager, operation: 'Update' },
  ];
}

/** What kustomize-controller removes along: annotations and labels of older tools. */
export const FLUX_STALE_METADATA = {
  annotations: [LAST_APPLIED, 'kustomize.toolkit.fluxcd.io/checksum', 'fluxcd.io/sync-checksum'],
  labels: ['fluxcd.io/sync-gc-mark'],
} as const;

/** Argo CD's client-side-apply migration (csaupgrade): kubectl's apply fields, nothing else. */
export const CSA_MIGRATION_MANAGERS: readonly FieldManagerRef[] = [
  { name: 'kubectl-client-side-apply', operation: 'Update' },
];

const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** The JSON patch that hands `managers`' fields to `fieldManager`; empty when nothing to do. */
export function takeoverPatch(
  live: KubeObject,
  fieldManager: string,
  managers: readonly FieldManagerRef[],
  stale: { annotations: readonly string[]; labels: readonly string[] } = FLUX_STALE_METADATA,
): JsonPatchOperation[] {
  if (live.metadata.annotations?.[FLUX_SSA_ANNOTATION]?.toLowerCase() === 'merge') return [];
  const ops: JsonPatchOperation[] = [];
  for (const key of stale.annotations) {
    if (live.metadata.annotations && key in live.metadata.annotations)
      ops.push({ op: 'remove', path: `/metadata/annotations/${pointer(key)}` });
  }
  for (const key of stale.labels) {
    if (live.metadata.labels && key in live.metadata.labels)
      ops.push({ op: 'remove', path: `/metadata/labels/${pointer(key)}` });
  }
  let decoded: Managers;
  try {
    decoded = decodeManagedFields(live.metadata.managedFields);
  } catch {
    return ops;
  }
  const matches = (e: ManagerEntry) =>
    e.subresource === '' &&
    managers.some((m) => e.manager.startsWith(m.name) && e.operation === m.operation) &&
    !(e.manager === fieldManager && e.operation === 'Apply');
  const taken = [...decoded.values()].filter(matches);
  if (taken.length === 0) return ops;
  const kept = new Map<string, ManagerEntry>();
  let ours: ManagerEntry | undefined;
  let i = 0;
  for (const e of decoded.values()) {
    if (matches(e)) continue;
    if (e.manager === fieldManager && e.operation === 'Apply' && e.subresource === '') ours = { ...e };
    else kept.set(String(i++), e);
  }
  ours ??= {
    manager: fieldManager,
    operation: 'Apply',
    apiVersion: live.apiVersion,
    subresource: '',
    time: taken[0]?.time,
    set: taken[0]!.set,
  };
  for (const e of taken) ours.set = ours.set.union(e.set);
  kept.set('ours', ours);
  ops.push({ op: 'replace', path: '/metadata/managedFields', value: encodeManagedFields(kept) ?? [] });
  return ops;
}
