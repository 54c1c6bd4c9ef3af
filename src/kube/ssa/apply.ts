import { CapstanError, formatRef, type KubeObject } from '../../core/index.ts';
import { applyDefaults } from '../defaults/apply-defaults.ts';
import { goZeroValue } from '../defaults/go-shape.ts';
import { cloneJson, isObject, jsonEqual } from '../json.ts';
import { conflictsFrom, SsaConflictError } from './conflict.ts';
import { SsaBadRequestError, SsaInvalidError } from './errors.ts';
import { allowedConflictsFromLastApplied, updateLastApplied } from './last-applied.ts';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  managerIdentifier,
  type ManagerEntry,
  type Managers,
} from './managers.ts';
import { defaultFieldManagerOptions, resetFieldSet, schemaOf, type FieldManagerOptions } from './options.ts';
import { FieldSet } from './field-set.ts';
import { toFieldSet } from './to-field-set.ts';
import {
  apply,
  cloneManagers,
  ConflictSignal,
  STRIPPED_FIELDS,
  updateManaged,
  type UpdaterContext,
} from './updater.ts';

export interface ServerSideApplyOptions extends FieldManagerOptions {
  /** The live object, or undefined to create it from the configuration. */
  readonly live: KubeObject | undefined;
  /** The applied configuration (the parsed body of an `application/apply-patch+yaml` request). */
  readonly config: KubeObject;
  /** The `fieldManager` (required for apply). */
  readonly manager: string;
  /** Take over conflicting fields instead of failing (`force=true`). */
  readonly force?: boolean | undefined;
  /** The endpoint's apiVersion and kind; a configuration for another is a 400. */
  readonly expected?: { readonly apiVersion: string; readonly kind: string } | undefined;
  /** Defaulting run on a changed result, as the server does after merging. Default: `applyDefaults`. */
  readonly defaulter?: ((obj: KubeObject) => void) | undefined;
}

export const defaultServerSideApplyOptions = { ...defaultFieldManagerOptions, force: false } as const;

export interface ApplyResult {
  /** The object as the server would store it, `metadata.managedFields` included. */
  readonly object: KubeObject;
  /** False when nothing changed: the server keeps the resourceVersion and sends no watch event. */
  readonly changed: boolean;
  /** True when there was no live object. */
  readonly created: boolean;
}

/** Managed fields the server cannot decode (HTTP 500 upstream: "failed to decode managed fields"). */
export class ManagedFieldsError extends CapstanError {
  constructor(object: KubeObject, detail: string) {
    super(`${formatRef(object)}: failed to decode managed fields: ${detail}`, { code: 'SSA_MANAGED_FIELDS' });
  }
}

/** The live object without managedFields; a shallow copy, so read it but do not change it. */
function withoutManagedFields(obj: KubeObject | undefined): Record<string, unknown> {
  if (!obj) return {};
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

function dropNulls(v: unknown): void {
  if (Array.isArray(v)) for (const x of v) dropNulls(x);
  else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else dropNulls(v[k]);
    }
  }
}

function setManagedFields(obj: KubeObject, managers: Managers): void {
  const encoded = encodeManagedFields(managers);
  obj.metadata ??= {};
  if (encoded) obj.metadata.managedFields = encoded;
  else delete obj.metadata.managedFields;
}

/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), as apimachinery's field manager
 * chain does it: merge by the schema, prune fields this manager stopped sending unless others own
 * them, detect conflicts (forgiven for `kubectl` where they match the last-applied annotation),
 * record ownership in `managedFields`, default the result, rewrite kubectl's last-applied
 * annotation. Pure: nothing is stored; the caller persists `object` when `changed`.
 *
 * Throws `SsaConflictError` (409), `SsaBadRequestError` (400), `SsaInvalidError` (500 upstream).
 */
export function applyServerSide(options: ServerSideApplyOptions): ApplyResult {
  const { live, config, manager } = options;
  const force = options.force ?? defaultServerSideApplyOptions.force;
  const subresource = options.subresource ?? defaultServerSideApplyOptions.subresource;
  if (config.metadata?.managedFields !== undefined && config.metadata.managedFields !== null) {
    throw new SsaBadRequestError(config, 'metadata.managedFields must be nil');
  }
  if (options.expected) {
    if (config.apiVersion !== options.expected.apiVersion) {
      throw new SsaBadRequestError(
        config,
        `Incorrect version specified in apply patch. Specified patch version: ${config.apiVersion}, expected: ${options.expected.apiVersion}`,
      );
    }
    if (config.kind !== options.expected.kind) {
      throw new SsaBadRequestError(config, `invalid object type: ${config.apiVersion}, Kind=${config.kind}`);
    }
  }
  const schema = schemaOf(config, options.schema);
  const ctx: UpdaterContext = { schema, ignored: resetFieldSet(schema, subresource, options.resetFields) };
  const apiVersion = config.apiVersion;
  const now = formatTime(options.now());

  let managers: Managers;
  try {
    managers = decodeManagedFields(live?.metadata?.managedFields);
  } catch (err) {
    throw new ManagedFieldsError(live ?? config, (err as Error).message);
  }
  const typed = toFieldSet(config, schema);
  if (typed.issues.length > 0) throw new SsaInvalidError(config, typed.issues);

  const liveObj = withoutManagedFields(live);
  if (managers.size === 0 && live !== undefined) {
    // Existing fields nobody tracked yet become "before-first-apply"'s, so an apply that changes
    // them conflicts instead of silently taking them (apimachinery `skipNonApplied`).
    const template: ManagerEntry = {
      manager: 'before-first-apply',
      operation: 'Update',
      apiVersion,
      subresource,
      time: now,
      set: new FieldSet(),
    };
    updateManaged(
      goZeroValue(schema),
      liveObj,
      managers,
      managerIdentifier(template),
      template,
      STRIPPED_FIELDS,
      ctx,
    );
    capUpdateManagers(managers);
  }

  const template: ManagerEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    subresource,
    time: undefined,
    set: new FieldSet(),
  };
  const id = managerIdentifier(template);
  const attempt = (withForce: boolean): { merged: unknown; managers: Managers } => {
    const m = cloneManagers(managers);
    const merged = apply(liveObj, config, m, id, template, withForce, ctx, typed.set);
    return { merged, managers: m };
  };
  let outcome: { merged: unknown; managers: Managers };
  try {
    outcome = attempt(force);
  } catch (err) {
    if (!(err instanceof ConflictSignal)) throw err;
    const conflicts = conflictsFrom(err.byManager);
    const allowed =
      manager === 'kubectl' ? allowedConflictsFromLastApplied(liveObj, schema, apiVersion) : undefined;
    if (!allowed) throw new SsaConflictError(live ?? config, conflicts);
    const remaining = conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw new SsaConflictError(live ?? config, remaining);
    outcome = attempt(true);
  }

  const entry = outcome.managers.get(id);
  if (entry) {
    const stripped = entry.set.difference(STRIPPED_FIELDS);
    // Re-applying the same fields keeps the same set object, so its encoding is reused.
    const previous = managers.get(id)?.set;
    entry.set = previous?.equals(stripped) ? previous : stripped;
    if (entry.set.isEmpty()) outcome.managers.delete(id);
  }
  let object: KubeObject;
  if (outcome.merged === undefined) {
    object = cloneJson(liveObj) as KubeObject;
  } else {
    object = cloneJson(outcome.merged) as KubeObject;
    dropNulls(object);
    (options.defaulter ?? applyDefaults)(object);
  }
  if (manager === 'kubectl') updateLastApplied(object, config);
  // The time moves only when the object did, judged after defaulting: a merge that replaces an
  // atomic struct without a defaulted field (an env var's fieldRef without apiVersion) and gets
  // it back from the defaulter changed nothing, and must not cost a write per second
  // (kubernetes/kubernetes#121404, fixed upstream).
  const applied = outcome.managers.get(id);
  if (applied && outcome.merged !== undefined && !jsonEqual(liveObj, object)) applied.time = now;
  setManagedFields(object, outcome.managers);
  return { object, changed: live === undefined || !jsonEqual(live, object), created: live === undefined };
}
