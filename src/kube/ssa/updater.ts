import { jsonEqual } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import { compareValues, type Comparison } from './compare.ts';
import { FieldSet } from './field-set.ts';
import type { ManagerEntry, Managers } from './managers.ts';
import { mergeValues } from './merge.ts';
import { fieldElement } from './path-element.ts';
import { removeItems } from './remove.ts';
import { toFieldSet } from './to-field-set.ts';
import { childNode, isNamedField } from './typed.ts';

/**
 * The ownership algorithm of structured-merge-diff's `merge.Updater` (one API version): `update`
 * moves ownership after a change, `apply` merges a configuration, prunes what its manager stopped
 * sending and detects conflicts, `updateManaged` records an ordinary write.
 */

export interface UpdaterContext {
  readonly schema: SchemaNode;
  /** Fields reset by the endpoint (status on the main resource, spec on /status): never owned. */
  readonly ignored: FieldSet | undefined;
}

/** Raised inside the updater when other managers own fields an apply changes. */
export class ConflictSignal extends Error {
  readonly byManager: Map<string, { entry: ManagerEntry; set: FieldSet }>;

  constructor(byManager: Map<string, { entry: ManagerEntry; set: FieldSet }>) {
    super('apply conflicts');
    this.byManager = byManager;
  }
}

function filtered(set: FieldSet, ctx: UpdaterContext): FieldSet {
  return ctx.ignored ? set.recursiveDifference(ctx.ignored) : set;
}

/** Copies managers so the caller's map and sets stay untouched. */
export function cloneManagers(managers: Managers): Managers {
  const out: Managers = new Map();
  for (const [id, e] of managers) out.set(id, { ...e });
  return out;
}

/**
 * Compares `live` with `next` and takes changed fields away from every manager but `workflow`
 * (changed ones are conflicts when `force` is off; removed ones simply go).
 */
export function update(
  live: unknown,
  next: unknown,
  managers: Managers,
  workflow: string,
  force: boolean,
  ctx: UpdaterContext,
): Comparison {
  const raw = compareValues(live, next, ctx.schema);
  const c: Comparison = {
    added: filtered(raw.added, ctx),
    modified: filtered(raw.modified, ctx),
    removed: filtered(raw.removed, ctx),
  };
  const changed = c.modified.union(c.added);
  const conflicts = new Map<string, { entry: ManagerEntry; set: FieldSet }>();
  for (const [id, entry] of managers) {
    if (id === workflow) continue;
    const set = entry.set.intersection(changed);
    if (!set.isEmpty()) conflicts.set(id, { entry, set });
  }
  if (!force && conflicts.size > 0) throw new ConflictSignal(conflicts);
  for (const [id, { set }] of conflicts) {
    const entry = managers.get(id)!;
    entry.set = entry.set.difference(set);
  }
  if (!c.removed.isEmpty()) {
    for (const [id, entry] of managers) if (id !== workflow) entry.set = entry.set.difference(c.removed);
  }
  for (const [id, entry] of managers) if (entry.set.isEmpty()) managers.delete(id);
  return c;
}

/**
 * structured-merge-diff's `EnsureNamedFieldsAreMembers`: struct fields that only have children
 * become members too, so that removing the set removes those fields as a whole.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, node: SchemaNode): FieldSet {
  const out = new FieldSet();
  for (const m of set.members) out.members.add(m);
  for (const [pe, child] of set.children) {
    let sub: SchemaNode;
    if (pe.startsWith('f:')) {
      const name = pe.slice(2);
      if (isNamedField(node, name)) out.members.add(pe);
      sub =
        node.kind === 'struct' || node.kind === 'map' || node.kind === 'any' ? childNode(node, name) : ANY;
    } else {
      sub = node.kind === 'list' ? node.elements() : ANY;
    }
    out.children.set(pe, ensureNamedFieldsAreMembers(child, sub));
  }
  return out;
}

function fieldsOf(value: unknown, node: SchemaNode): FieldSet {
  return ensureNamedFieldsAreMembers(toFieldSet(value ?? {}, node).set, node);
}

/**
 * Removes what the applier owned last time and no longer sends, unless another manager owns it;
 * owned descendants keep their parents ("add back owned items"), and only items from the last set
 * are removed in the end ("add back dangling items").
 */
function prune(
  merged: unknown,
  managers: Managers,
  lastSet: FieldSet | undefined,
  ctx: UpdaterContext,
): unknown {
  if (!lastSet || lastSet.isEmpty()) return merged;
  const node = ctx.schema;
  const last = ensureNamedFieldsAreMembers(lastSet, node);
  let pruned = removeItems(merged, last, node);
  let managed = new FieldSet();
  for (const e of managers.values()) managed = managed.union(e.set);
  const mergedSet = fieldsOf(merged, node);
  const prunedSet = fieldsOf(pruned, node);
  pruned = removeItems(
    merged,
    mergedSet.difference(prunedSet.union(ensureNamedFieldsAreMembers(managed, node))),
    node,
  );
  const kept = fieldsOf(pruned, node);
  return removeItems(merged, mergedSet.difference(kept).intersection(last), node);
}

/**
 * Applies `config` to `live` for the manager `id` (whose entry `template` describes it). Returns
 * the new object, or undefined when it equals `live` (a no-op). Throws `ConflictSignal` unless
 * `force`. `managers` is updated in place. `configSet` is `config`'s field set, when the caller
 * already has it.
 */
export function apply(
  live: unknown,
  config: unknown,
  managers: Managers,
  id: string,
  template: ManagerEntry,
  force: boolean,
  ctx: UpdaterContext,
  configSet: FieldSet = toFieldSet(config, ctx.schema).set,
): unknown {
  let merged = mergeValues(live, config, ctx.schema);
  const lastSet = managers.get(id)?.set;
  const set = filtered(configSet, ctx);
  managers.set(id, { ...template, set, time: managers.get(id)?.time });
  // Nothing was dropped when every field owned last time is still sent: pruning would remove
  // nothing (all of it is owned again), so skip its four walks over the object.
  if (lastSet && !lastSet.difference(set).isEmpty()) merged = prune(merged, managers, lastSet, ctx);
  update(live, merged, managers, id, force, ctx);
  return jsonEqual(live, merged) ? undefined : merged;
}

/**
 * Records an ordinary write: the manager gains what changed (minus `strip`), others lose it.
 * Returns true when the manager gained anything (so its time moves).
 */
export function updateManaged(
  live: unknown,
  next: unknown,
  managers: Managers,
  id: string,
  template: ManagerEntry,
  strip: FieldSet,
  ctx: UpdaterContext,
): boolean {
  // The manager's own earlier entry is treated like any other here, then merged back below
  // (apimachinery runs this step under the name "current-operation").
  const c = update(live, next, managers, '\u0000current-operation', true, ctx);
  const gained = c.modified.union(c.added).difference(strip);
  if (gained.isEmpty()) return false;
  const previous = managers.get(id);
  managers.set(id, { ...template, set: previous ? gained.union(previous.set) : gained, time: template.time });
  return true;
}

/** Paths no manager ever owns (apimachinery `stripmeta.go`). */
export const STRIPPED_FIELDS: FieldSet = FieldSet.of(
  [fieldElement('apiVersion')],
  [fieldElement('kind')],
  [fieldElement('metadata')],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f) => [fieldElement('metadata'), fieldElement(f)]),
);
