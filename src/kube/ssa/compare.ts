import { isObject, jsonEqual } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { FieldSet } from './field-set.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import { atomOf, childNode, ListItemError, listItemElement } from './typed.ts';

/** The fields added, modified and removed from one object to another. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

/**
 * Compares two values of the same type (structured-merge-diff `TypedValue.Compare`). `undefined`
 * means absent, which differs from an explicit null: a subtree that appears or disappears is
 * recorded at its root too (so an added map shows as a member with `.`), a null that becomes a
 * value is a modification.
 */
export function compareValues(lhs: unknown, rhs: unknown, node: SchemaNode): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  visit(lhs, rhs, node, [], c);
  return c;
}

function visit(lhs: unknown, rhs: unknown, node: SchemaNode, path: PathElement[], c: Comparison): void {
  // Merged objects share unchanged subtrees with the live one; the same object has no changes.
  if (lhs === rhs && lhs !== undefined) return;
  const la = atomOf(node, lhs);
  const ra = atomOf(node, rhs);
  let leaf: boolean;
  if (rhs === undefined) leaf = handle(la, lhs, rhs, path, c);
  else if (lhs === undefined || la.kind === ra.kind) leaf = handle(ra, lhs, rhs, path, c);
  // A value that changed shape (object to scalar in untyped data) is one modified leaf.
  else leaf = leafCompare(lhs, rhs, path, c);
  if (!leaf && path.length > 0) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
}

/** Handles one atom; returns true when the node was compared as a leaf. */
function handle(
  atom: ReturnType<typeof atomOf>,
  lhs: unknown,
  rhs: unknown,
  path: PathElement[],
  c: Comparison,
): boolean {
  if (atom.kind === 'leaf') return leafCompare(lhs, rhs, path, c);
  if (atom.kind === 'map') {
    const l = isObject(lhs) ? lhs : undefined;
    const r = isObject(rhs) ? rhs : undefined;
    const empty =
      (l === undefined || Object.keys(l).length === 0) && (r === undefined || Object.keys(r).length === 0);
    if (atom.atomic || empty) return leafCompare(lhs, rhs, path, c);
    if (l === undefined && r === undefined) return false;
    const keys = new Set<string>([...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
    for (const key of keys) {
      path.push(fieldElement(key));
      visit(
        l && Object.hasOwn(l, key) ? l[key] : undefined,
        r && Object.hasOwn(r, key) ? r[key] : undefined,
        childNode(atom.node, key),
        path,
        c,
      );
      path.pop();
    }
    return false;
  }
  const l = Array.isArray(lhs) ? lhs : undefined;
  const r = Array.isArray(rhs) ? rhs : undefined;
  const empty = (l === undefined || l.length === 0) && (r === undefined || r.length === 0);
  if (atom.atomic || empty) return leafCompare(lhs, rhs, path, c);
  if (l === undefined && r === undefined) return false;
  compareListItems(atom.node, atom.keys, l ?? [], r ?? [], path, c);
  return false;
}

function leafCompare(lhs: unknown, rhs: unknown, path: PathElement[], c: Comparison): boolean {
  if (path.length === 0) return true;
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!jsonEqual(lhs, rhs)) c.modified.insert(path);
  return true;
}

function index(list: SchemaNode, keys: readonly string[], items: unknown[]): Map<PathElement, unknown[]> {
  const out = new Map<PathElement, unknown[]>();
  for (const item of items) {
    let pe: PathElement;
    try {
      pe = listItemElement(list, keys, item);
    } catch (err) {
      if (err instanceof ListItemError) continue;
      throw err;
    }
    const bucket = out.get(pe);
    if (bucket) bucket.push(item);
    else out.set(pe, [item]);
  }
  return out;
}

function compareListItems(
  list: SchemaNode,
  keys: readonly string[],
  lhs: unknown[],
  rhs: unknown[],
  path: PathElement[],
  c: Comparison,
): void {
  const lv = index(list, keys, lhs);
  const rv = index(list, keys, rhs);
  const all = [...lv.keys(), ...[...rv.keys()].filter((pe) => !lv.has(pe))];
  const element = list.elements();
  for (const pe of all) {
    const l = lv.get(pe) ?? [];
    const r = rv.get(pe) ?? [];
    path.push(pe);
    if (l.length <= 1 && r.length <= 1) {
      visit(l[0], r[0], element, path, c);
    } else if (l.length >= 2 && r.length >= 2) {
      if (!jsonEqual(l, r)) c.modified.insert(path);
    } else if (l.length >= 2) {
      if (r.length !== 0) visit(undefined, r[0], element, path, c);
      c.removed.insert(path);
    } else {
      if (l.length !== 0) visit(l[0], undefined, element, path, c);
      c.added.insert(path);
    }
    path.pop();
  }
}
