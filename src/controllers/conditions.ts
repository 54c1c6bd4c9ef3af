import type { KubeObject } from '../core/index.ts';

/**
 * `status.conditions[]` as `metav1.Condition` has it. Helpers here read and write the conditions of
 * an object in place, the way a reconciler builds its status before one patch.
 */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface StatusCondition {
  type: string;
  status: ConditionStatus;
  /** PascalCase, machine-readable: `ReconciliationSucceeded`. */
  reason: string;
  message: string;
  /** RFC 3339, whole seconds (`metav1.Time`). */
  lastTransitionTime: string;
  /** The `metadata.generation` the condition was computed from. */
  observedGeneration?: number;
}

/** What a caller says about a condition; time and generation are filled in. */
export interface ConditionInput {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
}

export interface SetConditionOptions {
  now: () => Date;
  /**
   * When `lastTransitionTime` moves. `status` (Kubernetes' `meta.SetStatusCondition` and its API
   * conventions): only when the status flips. `state`: when status, reason or message change, as
   * fluxcd/pkg `runtime/conditions.Set` does (the Flux helpers use it so the times match Flux's).
   */
  transitionOn: 'status' | 'state';
  /** Flux orders Stalled, Reconciling, Ready first, then the rest (for kubectl); Kubernetes appends. */
  order: 'append' | 'flux';
}

export const defaultSetConditionOptions: SetConditionOptions = {
  now: () => new Date(),
  transitionOn: 'status',
  order: 'append',
};

/** Flux's cap on condition messages (32 KiB); longer ones end in `...`. */
export const maxConditionMessageLength = 32768;

/** `metav1.Time`: RFC 3339 in whole seconds. */
export function formatTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The object's conditions (a live array: changes write through), creating `status` when missing. */
export function conditionsOf(obj: KubeObject): StatusCondition[] {
  const status = statusOf(obj);
  if (!Array.isArray(status['conditions'])) status['conditions'] = [];
  return status['conditions'] as StatusCondition[];
}

export function getCondition(obj: KubeObject, type: string): StatusCondition | undefined {
  const list = statusOf(obj, false)?.['conditions'];
  return Array.isArray(list) ? (list as StatusCondition[]).find((c) => c?.type === type) : undefined;
}

export function isTrue(obj: KubeObject, type: string): boolean {
  return getCondition(obj, type)?.status === 'True';
}

export function isFalse(obj: KubeObject, type: string): boolean {
  return getCondition(obj, type)?.status === 'False';
}

/** A missing condition is Unknown. */
export function isUnknown(obj: KubeObject, type: string): boolean {
  const c = getCondition(obj, type);
  return c === undefined || c.status === 'Unknown';
}

/** Removes the condition of that type; true when there was one. */
export function removeCondition(obj: KubeObject, type: string): boolean {
  const list = statusOf(obj, false)?.['conditions'];
  if (!Array.isArray(list)) return false;
  const i = (list as StatusCondition[]).findIndex((c) => c?.type === type);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/**
 * Sets a condition on `obj`: `observedGeneration` becomes the object's generation, and
 * `lastTransitionTime` keeps its value unless the condition transitions (see `transitionOn`).
 * Returns true when anything changed (a status patch is needed).
 */
export function setCondition(
  obj: KubeObject,
  input: ConditionInput,
  options: Partial<SetConditionOptions> = {},
): boolean {
  const o = { ...defaultSetConditionOptions, ...options };
  const list = conditionsOf(obj);
  const next: StatusCondition = {
    type: input.type,
    status: input.status,
    reason: input.reason,
    message: trimMessage(input.message),
    lastTransitionTime: '',
  };
  if (obj.metadata.generation !== undefined) next.observedGeneration = obj.metadata.generation;
  const i = list.findIndex((c) => c.type === input.type);
  const old = i >= 0 ? list[i] : undefined;
  const transitions =
    old === undefined ||
    old.status !== next.status ||
    (o.transitionOn === 'state' && (old.reason !== next.reason || old.message !== next.message));
  next.lastTransitionTime =
    transitions || !old?.lastTransitionTime ? formatTime(o.now()) : old.lastTransitionTime;
  const changed =
    old === undefined ||
    transitions ||
    old.reason !== next.reason ||
    old.message !== next.message ||
    old.observedGeneration !== next.observedGeneration;
  if (i >= 0) list[i] = next;
  else list.push(next);
  if (o.order === 'flux') list.sort(fluxOrder);
  return changed;
}

const FLUX_WEIGHTS: Record<string, number> = { Stalled: 0, Reconciling: 1, Ready: 2 };

/** fluxcd/pkg's order: Stalled, Reconciling, Ready, then newest generation first, then by type. */
function fluxOrder(a: StatusCondition, b: StatusCondition): number {
  const wa = FLUX_WEIGHTS[a.type];
  const wb = FLUX_WEIGHTS[b.type];
  if (wa !== undefined && wb !== undefined) return wa - wb;
  if (wa !== undefined) return -1;
  if (wb !== undefined) return 1;
  const ga = a.observedGeneration ?? 0;
  const gb = b.observedGeneration ?? 0;
  if (ga !== gb) return gb - ga;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

function trimMessage(message: string): string {
  return message.length <= maxConditionMessageLength
    ? message
    : message.slice(0, maxConditionMessageLength - 3) + '...';
}

function statusOf(obj: KubeObject): Record<string, unknown>;
function statusOf(obj: KubeObject, create: false): Record<string, unknown> | undefined;
function statusOf(obj: KubeObject, create = true): Record<string, unknown> | undefined {
  const s = obj['status'];
  if (s !== null && typeof s === 'object' && !Array.isArray(s)) return s as Record<string, unknown>;
  if (!create) return undefined;
  const fresh: Record<string, unknown> = {};
  obj['status'] = fresh;
  return fresh;
}

/** The object's `status` as a record, created when missing; for the other status helpers here. */
export function statusRecord(obj: KubeObject): Record<string, unknown> {
  return statusOf(obj);
}

/** The object's `status` as a record, or `undefined`; never creates it. */
export function readStatus(obj: KubeObject): Record<string, unknown> | undefined {
  return statusOf(obj, false);
}
