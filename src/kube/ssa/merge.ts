import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import type { PathElement } from './path-element.ts';
import { atomOf, childNode, ListItemError, listItemElement, type Atom } from './typed.ts';

/**
 * Merges an applied configuration (`rhs`) into a live object (`lhs`) by the schema
 * (structured-merge-diff `TypedValue.Merge` with "keep rhs"): granular maps and structs merge
 * field by field, atomic ones and leaves take the configuration's value, associative lists match
 * items by key and keep live-only items where they were. `undefined` means absent. The result
 * shares unchanged subtrees with the inputs; clone it before changing it.
 */
export function mergeValues(lhs: unknown, rhs: unknown, node: SchemaNode): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined) return rhs;
  const la = atomOf(node, lhs);
  const ra = atomOf(node, rhs);
  if (la.kind !== ra.kind) return rhs;
  return handle(ra, lhs, rhs);
}

function handle(atom: Atom, lhs: unknown, rhs: unknown): unknown {
  if (atom.kind === 'leaf') return rhs;
  if (atom.kind === 'map') {
    const l = isObject(lhs) ? lhs : undefined;
    const r = isObject(rhs) ? rhs : undefined;
    const empty =
      (l === undefined || Object.keys(l).length === 0) && (r === undefined || Object.keys(r).length === 0);
    if (atom.atomic || empty) return rhs;
    if (l === undefined && r === undefined) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(l ?? {})) {
      const v = mergeValues(
        l![key],
        r && Object.hasOwn(r, key) ? r[key] : undefined,
        childNode(atom.node, key),
      );
      if (v !== undefined) out[key] = v;
    }
    for (const key of Object.keys(r ?? {})) {
      if (l && Object.hasOwn(l, key)) continue;
      const v = mergeValues(undefined, r![key], childNode(atom.node, key));
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  const l = Array.isArray(lhs) ? lhs : undefined;
  const r = Array.isArray(rhs) ? rhs : undefined;
  const empty = (l === undefined || l.length === 0) && (r === undefined || r.length === 0);
  if (atom.atomic || empty) return rhs;
  if (l === undefined && r === undefined) return undefined;
  const out = mergeListItems(atom.node, atom.keys, l ?? [], r ?? []);
  return out.length > 0 ? out : undefined;
}

interface Indexed {
  readonly elements: PathElement[];
  readonly positions: number[];
  /** First item per element; null when the element is duplicated (live lists may hold duplicates). */
  readonly observed: Map<PathElement, unknown>;
}

function indexItems(
  list: SchemaNode,
  keys: readonly string[],
  items: unknown[],
  allowDuplicates: boolean,
): Indexed {
  const elements: PathElement[] = [];
  const positions: number[] = [];
  const observed = new Map<PathElement, unknown>();
  for (let i = 0; i < items.length; i++) {
    let pe: PathElement;
    try {
      pe = listItemElement(list, keys, items[i]);
    } catch (err) {
      if (err instanceof ListItemError) continue;
      throw err;
    }
    if (observed.has(pe)) {
      if (!allowDuplicates) continue;
      observed.set(pe, null);
    } else observed.set(pe, items[i]);
    elements.push(pe);
    positions.push(i);
  }
  return { elements, positions, observed };
}

/**
 * The merged items: configuration items in the configuration's order, live-only items kept next to
 * the shared items they followed (structured-merge-diff's `visitListItems` walk).
 */
function mergeListItems(
  list: SchemaNode,
  keys: readonly string[],
  lhs: unknown[],
  rhs: unknown[],
): unknown[] {
  const r = indexItems(list, keys, rhs, false);
  const l = indexItems(list, keys, lhs, true);
  const element = list.elements();
  const out: unknown[] = [];
  const shared = r.elements.filter((pe) => l.observed.has(pe));
  let sharedAt = 0;
  let nextShared: PathElement | undefined = shared[sharedAt++];
  const mergedRhs = new Set<PathElement>();
  const push = (lChild: unknown, rChild: unknown): void => {
    const v = mergeValues(lChild, rChild, element);
    if (v !== undefined) out.push(v);
  };
  let li = 0;
  let ri = 0;
  while (li < l.elements.length || ri < r.elements.length) {
    if (li < l.elements.length && ri < r.elements.length) {
      const pe = l.elements[li]!;
      if (pe === r.elements[ri]) {
        mergedRhs.add(pe);
        push(l.observed.get(pe), r.observed.get(pe));
        li++;
        ri++;
        nextShared = shared[sharedAt++];
        continue;
      }
      if (r.observed.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++;
        continue;
      }
    }
    if (li < l.elements.length) {
      const pe = l.elements[li]!;
      if (!r.observed.has(pe)) {
        push(lhs[l.positions[li]!], undefined);
        li++;
        continue;
      } else if (mergedRhs.has(pe)) {
        li++;
      }
    }
    if (ri < r.elements.length) {
      const pe = r.elements[ri]!;
      mergedRhs.add(pe);
      push(l.observed.has(pe) ? l.observed.get(pe) : undefined, r.observed.get(pe));
      ri++;
      if (nextShared !== undefined && nextShared === pe) nextShared = shared[sharedAt++];
    }
  }
  return out;
}
