import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { FieldSet } from './field-set.ts';
import { elementString, fieldElement, type PathElement } from './path-element.ts';
import {
  atomOf,
  childNode,
  isNamedField,
  issueAt,
  ListItemError,
  listItemElement,
  type TypedIssue,
} from './typed.ts';

/**
 * The set of fields a value sets (structured-merge-diff `TypedValue.ToFieldSet`): every leaf,
 * every atomic list/map/struct as one leaf, every associative-list item (and what is inside), every
 * map entry, and struct fields only when they are leaves (null or empty). Problems (duplicate keys,
 * items without keys, fields a struct does not declare) are reported, not thrown; the applied
 * configuration must have none.
 */
export function toFieldSet(value: unknown, node: SchemaNode): { set: FieldSet; issues: TypedIssue[] } {
  const set = new FieldSet();
  const issues: TypedIssue[] = [];
  walk(value, node, [], set, issues);
  return { set, issues };
}

function walk(
  value: unknown,
  node: SchemaNode,
  path: PathElement[],
  set: FieldSet,
  issues: TypedIssue[],
): void {
  const atom = atomOf(node, value);
  if (atom.kind === 'leaf') {
    set.insert(path);
    return;
  }
  if (atom.kind === 'map') {
    if (atom.atomic) {
      set.insert(path);
      return;
    }
    if (!isObject(value)) return;
    const strict = atom.node.kind === 'struct' && !atom.node.preserveUnknownFields;
    for (const key of Object.keys(value)) {
      const v = value[key];
      const child = childNode(atom.node, key);
      path.push(fieldElement(key));
      if (strict && !isNamedField(atom.node, key)) issues.push(issueAt(path, 'field not declared in schema'));
      walk(v, child, path, set, issues);
      if (v === null || (isObject(v) && Object.keys(v).length === 0) || !isNamedField(atom.node, key)) {
        set.insert(path);
      }
      path.pop();
    }
    return;
  }
  if (atom.atomic) {
    set.insert(path);
    return;
  }
  if (!Array.isArray(value)) return;
  const elements: (PathElement | undefined)[] = [];
  const seen = new Set<PathElement>();
  const duplicates = new Set<PathElement>();
  for (let i = 0; i < value.length; i++) {
    let pe: PathElement | undefined;
    try {
      pe = listItemElement(atom.node, atom.keys, value[i]);
    } catch (err) {
      if (!(err instanceof ListItemError)) throw err;
      issues.push(issueAt(path, `element ${i}: ${err.message}`));
    }
    elements.push(pe);
    if (pe === undefined) continue;
    if (seen.has(pe)) {
      if (!duplicates.has(pe)) {
        issues.push(issueAt(path, `duplicate entries for key ${elementString(pe)}`));
        duplicates.add(pe);
        set.insert([...path, pe]);
      }
    } else seen.add(pe);
  }
  const element = atom.node.elements();
  for (let i = 0; i < value.length; i++) {
    const pe = elements[i];
    if (pe === undefined || duplicates.has(pe)) continue;
    path.push(pe);
    walk(value[i], element, path, set, issues);
    set.insert(path);
    path.pop();
  }
}
