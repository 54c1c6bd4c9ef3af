import type { KubeObject, ManagedFieldsEntry } from '../../core/index.ts';
import { goZeroValue } from '../defaults/go-shape.ts';
import { cloneJson, jsonEqual } from '../json.ts';
import { FieldSet } from './field-set.ts';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  isResetManagedFields,
  managerIdentifier,
  type ManagerEntry,
  type Managers,
} from './managers.ts';
import { defaultFieldManagerOptions, resetFieldSet, schemaOf, type FieldManagerOptions } from './options.ts';
import { STRIPPED_FIELDS, updateManaged, type UpdaterContext } from './updater.ts';

export interface TrackUpdateOptions extends FieldManagerOptions {
  /** The stored object, or undefined when this write creates it. */
  readonly live: KubeObject | undefined;
  /**
   * The object as the write will store it (after the patch or PUT body, defaulting and the
   * strategy), with whatever `metadata.managedFields` the request carried.
   */
  readonly object: KubeObject;
  /** The `fieldManager`, or `managerFromUserAgent(userAgent)` when the request had none. */
  readonly manager: string;
}

export interface TrackUpdateResult {
  /** `object` with recomputed `metadata.managedFields`. */
  readonly object: KubeObject;
  /** False when the stored object would not change (keep the resourceVersion, send no event). */
  readonly changed: boolean;
}

function tryDecode(entries: readonly ManagedFieldsEntry[] | undefined): Managers {
  try {
    return decodeManagedFields(entries);
  } catch {
    return new Map();
  }
}

/**
 * managedFields for an ordinary write (create, update, non-apply patch, `/status`, `/scale`):
 * operation `Update`, keyed by manager, apiVersion and subresource; the manager takes what changed,
 * others lose it, nobody ever conflicts (apimachinery `FieldManager.Update`). A request may replace
 * the entries (what `kubectl` does when moving to server-side apply) or clear them with `[]` or
 * `[{}]`; writes to a subresource always keep the stored entries. Objects whose entries were
 * cleared are not tracked again until the next apply.
 */
export function trackUpdate(options: TrackUpdateOptions): TrackUpdateResult {
  const { live, manager } = options;
  const subresource = options.subresource ?? defaultFieldManagerOptions.subresource;
  const schema = schemaOf(options.object, options.schema);
  const ctx: UpdaterContext = { schema, ignored: resetFieldSet(schema, subresource, options.resetFields) };
  const requested = options.object.metadata?.managedFields;

  let managers: Managers;
  if (subresource !== '') managers = tryDecode(live?.metadata?.managedFields);
  else if (isResetManagedFields(requested)) managers = new Map();
  else {
    managers = tryDecode(requested);
    if (managers.size === 0) managers = tryDecode(live?.metadata?.managedFields);
  }

  const next = cloneJson(options.object);
  next.metadata ??= {};
  delete next.metadata.managedFields;
  const before = cloneJson(live ?? ({} as KubeObject));
  if (before.metadata) delete before.metadata.managedFields;

  const tracked = managers.size > 0 || live === undefined || !live.metadata?.uid;
  if (tracked) {
    const template: ManagerEntry = {
      manager: manager || 'unknown',
      operation: 'Update',
      apiVersion: options.object.apiVersion,
      subresource,
      time: formatTime(options.now()),
      set: new FieldSet(),
    };
    // A create compares with the kind's zero value, as the server's empty typed object reads.
    updateManaged(
      live ? before : goZeroValue(schema),
      next,
      managers,
      managerIdentifier(template),
      template,
      STRIPPED_FIELDS,
      ctx,
    );
    capUpdateManagers(managers);
    const encoded = encodeManagedFields(managers);
    if (encoded) next.metadata.managedFields = encoded;
  }
  return { object: next, changed: live === undefined || !jsonEqual(live, next) };
}
