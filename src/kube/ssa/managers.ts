import type { ManagedFieldsEntry } from '../../core/index.ts';
import { compareGoStrings, isObject } from '../json.ts';
import { FieldSet } from './field-set.ts';
import { goJsonString } from './go-json.ts';

/**
 * The managers of an object: one entry per manager, operation, and (for updates) apiVersion and
 * subresource, keyed as apimachinery keys them (the JSON of those fields, `BuildManagerIdentifier`).
 */
export interface ManagerEntry {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly subresource: string;
  /** RFC 3339 seconds, as stored; undefined when the entry never had one. */
  time: string | undefined;
  set: FieldSet;
}

export type Managers = Map<string, ManagerEntry>;

/** The identifier of a manager: Go's JSON of a ManagedFieldsEntry without fields and time. */
export function managerIdentifier(e: {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource: string;
}): string {
  let id = `{"manager":${goJsonString(e.manager)},"operation":${goJsonString(e.operation)}`;
  if (e.operation === 'Update' && e.apiVersion) id += `,"apiVersion":${goJsonString(e.apiVersion)}`;
  if (e.subresource) id += `,"subresource":${goJsonString(e.subresource)}`;
  return `${id}}`;
}

/**
 * Decoded sets by their encoded object: a store hands the same live object to every request, so
 * each entry is parsed once. Sets are never changed in place once built.
 */
const decodedSets = new WeakMap<object, FieldSet>();
const encodedSets = new WeakMap<FieldSet, Record<string, unknown>>();

function decodeSet(fields: object): FieldSet {
  let set = decodedSets.get(fields);
  if (!set) {
    set = FieldSet.fromFieldsV1(fields);
    decodedSets.set(fields, set);
  }
  return set;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** The FieldsV1 object of a set, shared (and frozen) between every object that records it. */
function encodeSet(set: FieldSet): Record<string, unknown> {
  let fields = encodedSets.get(set);
  if (!fields) {
    fields = deepFreeze(set.toFieldsV1());
    encodedSets.set(set, fields);
    decodedSets.set(fields, set);
  }
  return fields;
}

/** A managedFields list the server cannot read (wrong operation, missing apiVersion, bad fieldsV1). */
export class ManagedFieldsDecodeError extends Error {}

/** Reads `metadata.managedFields` into managers (apimachinery `DecodeManagedFields`). */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managers {
  const managers: Managers = new Map();
  (entries ?? []).forEach((e, i) => {
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      throw new ManagedFieldsDecodeError('operation must be `Apply` or `Update`');
    }
    if (!e.apiVersion) throw new ManagedFieldsDecodeError('apiVersion must not be empty');
    if (e.fieldsType === undefined || (e.fieldsType as string) === '') {
      throw new ManagedFieldsDecodeError(`missing fieldsType in managed fields entry ${i}`);
    }
    if (e.fieldsType !== 'FieldsV1') {
      throw new ManagedFieldsDecodeError(
        `invalid fieldsType "${String(e.fieldsType)}" in managed fields entry ${i}`,
      );
    }
    let set: FieldSet;
    try {
      set = e.fieldsV1 === undefined || e.fieldsV1 === null ? new FieldSet() : decodeSet(e.fieldsV1);
    } catch (err) {
      throw new ManagedFieldsDecodeError(`error decoding set: ${(err as Error).message}`);
    }
    const entry: ManagerEntry = {
      manager: e.manager ?? '',
      operation: e.operation,
      apiVersion: e.apiVersion,
      subresource: e.subresource ?? '',
      time: e.time ?? undefined,
      set,
    };
    managers.set(managerIdentifier(entry), entry);
  });
  return managers;
}

function unixSeconds(time: string | undefined): number {
  if (!time) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** apimachinery's entry order: operation, time (seconds), manager, apiVersion, subresource. */
export function compareEntries(
  p: {
    operation: string;
    time?: string | undefined;
    manager: string;
    apiVersion: string;
    subresource: string;
  },
  q: {
    operation: string;
    time?: string | undefined;
    manager: string;
    apiVersion: string;
    subresource: string;
  },
): number {
  if (p.operation !== q.operation) return compareGoStrings(p.operation, q.operation);
  const ps = unixSeconds(p.time);
  const qs = unixSeconds(q.time);
  if (ps !== qs) return ps < qs ? -1 : 1;
  return (
    compareGoStrings(p.manager, q.manager) ||
    compareGoStrings(p.apiVersion, q.apiVersion) ||
    compareGoStrings(p.subresource, q.subresource)
  );
}

/**
 * Writes managers as `metadata.managedFields` (undefined when there are none): sorted as the server
 * sorts them, keys in the Go struct's order, so the JSON is byte-identical to a real server's.
 */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] | undefined {
  if (managers.size === 0) return undefined;
  const entries = [...managers.values()].sort(compareEntries);
  return entries.map((e) => {
    const out: Record<string, unknown> = { manager: e.manager || undefined, operation: e.operation };
    if (!out.manager) delete out.manager;
    out.apiVersion = e.apiVersion;
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = encodeSet(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

/** The form metav1.Time serialises to: RFC 3339 in UTC, whole seconds. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `managedFields: []` or `[{}]` in a request: the client asks to clear every entry. */
export function isResetManagedFields(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  return value.length === 1 && isObject(value[0]) && Object.keys(value[0]).length === 0;
}

/** Update managers kept before the oldest are folded into `ancient-changes` (apimachinery default). */
export const MAX_UPDATE_MANAGERS = 10;

/**
 * Folds the oldest Update managers beyond `max` into one `ancient-changes` entry per apiVersion
 * (apimachinery `capmanagers.go`), so objects written by many clients keep a bounded list.
 */
export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managers].filter(([, e]) => e.operation === 'Update');
  if (updaters.length <= max) return;
  updaters.sort(([ia, a], [ib, b]) => {
    const d = unixSeconds(a.time) - unixSeconds(b.time);
    return d !== 0 ? d : compareGoStrings(ia, ib);
  });
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const [id, entry] = updaters[i]!;
    const bucket = managerIdentifier({
      manager: 'ancient-changes',
      operation: 'Update',
      apiVersion: entry.apiVersion,
      subresource: '',
    });
    const first = firstByVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstByVersion.set(entry.apiVersion, id);
      continue;
    }
    if (!managers.has(bucket)) {
      const firstEntry = managers.get(first)!;
      managers.delete(first);
      managers.set(bucket, { ...firstEntry, manager: 'ancient-changes', subresource: '' });
    }
    const b = managers.get(bucket)!;
    managers.set(bucket, { ...b, set: entry.set.union(b.set), time: entry.time });
    managers.delete(id);
    length--;
  }
}
