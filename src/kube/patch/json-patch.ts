import { PatchError } from './error.ts';
import { isObject, cloneJson, jsonEqual, type JsonValue } from '../json.ts';

/** One RFC 6902 operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * Applies an RFC 6902 JSON patch to a copy of `doc` and returns the result; `doc` is not changed.
 * The operations run in order and the whole patch fails if one does (`test` included), so a
 * failed patch never yields a half-patched document.
 */
export function applyJsonPatch<T = unknown>(doc: unknown, ops: unknown): T {
  const operations = parseOperations(ops);
  // The root is held in a box so that operations on "" (the whole document) work like any other.
  const box: { root: JsonValue } = { root: cloneJson(doc as JsonValue) };
  operations.forEach((op, i) => applyOne(box, op, i));
  return box.root as T;
}

function parseOperations(ops: unknown): JsonPatchOperation[] {
  if (!Array.isArray(ops)) {
    throw new PatchError('json patch: the patch must be a JSON array of operations', 'PATCH_MALFORMED');
  }
  return ops.map((raw, i) => {
    if (!isObject(raw)) throw malformed(i, 'an operation must be an object');
    const { op, path } = raw;
    if (typeof op !== 'string' || !OPS.has(op)) throw malformed(i, `unknown op ${JSON.stringify(op)}`);
    if (typeof path !== 'string') throw malformed(i, `${op} needs a string "path"`);
    parsePointer(path, i);
    if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in raw)) {
      throw malformed(i, `${op} needs a "value"`);
    }
    if (op === 'move' || op === 'copy') {
      if (typeof raw['from'] !== 'string') throw malformed(i, `${op} needs a string "from"`);
      parsePointer(raw['from'], i);
    }
    return raw as unknown as JsonPatchOperation;
  });
}

function applyOne(box: { root: JsonValue }, op: JsonPatchOperation, i: number): void {
  switch (op.op) {
    case 'add':
      return add(box, op.path, cloneJson(op.value as JsonValue), i);
    case 'remove':
      remove(box, op.path, i);
      return;
    case 'replace':
      remove(box, op.path, i, 'replace');
      return add(box, op.path, cloneJson(op.value as JsonValue), i);
    case 'move': {
      if (op.path.startsWith(op.from + '/')) {
        throw failed(i, `move: cannot move ${op.from} into its own child ${op.path}`);
      }
      const value = remove(box, op.from, i, 'move');
      return add(box, op.path, value, i);
    }
    case 'copy':
      return add(box, op.path, cloneJson(get(box, op.from, i, 'copy')), i);
    case 'test': {
      const actual = get(box, op.path, i, 'test');
      if (!jsonEqual(actual, op.value)) {
        throw failed(
          i,
          `test failed: ${op.path} is ${JSON.stringify(actual)}, not ${JSON.stringify(op.value)}`,
        );
      }
    }
  }
}

function add(box: { root: JsonValue }, path: string, value: JsonValue, i: number): void {
  const tokens = parsePointer(path, i);
  if (tokens.length === 0) {
    box.root = value;
    return;
  }
  const parent = resolveParent(box.root, tokens, path, i, 'add');
  const key = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : arrayIndex(key, parent.length, path, i, 'add');
    parent.splice(index, 0, value);
  } else {
    parent[key] = value;
  }
}

function remove(box: { root: JsonValue }, path: string, i: number, verb = 'remove'): JsonValue {
  const tokens = parsePointer(path, i);
  if (tokens.length === 0) {
    const old = box.root;
    box.root = null;
    return old;
  }
  const parent = resolveParent(box.root, tokens, path, i, verb);
  const key = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = arrayIndex(key, parent.length - 1, path, i, verb);
    return parent.splice(index, 1)[0]!;
  }
  if (!Object.hasOwn(parent, key)) throw failed(i, `${verb}: ${path} does not exist`);
  const old = parent[key]!;
  delete parent[key];
  return old;
}

function get(box: { root: JsonValue }, path: string, i: number, verb: string): JsonValue {
  let node: JsonValue = box.root;
  for (const token of parsePointer(path, i)) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length - 1, path, i, verb)]!;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token]!;
    else throw failed(i, `${verb}: ${path} does not exist`);
  }
  return node;
}

function resolveParent(
  root: JsonValue,
  tokens: string[],
  path: string,
  i: number,
  verb: string,
): JsonValue[] | { [key: string]: JsonValue } {
  let node: JsonValue = root;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length - 1, path, i, verb)]!;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token]!;
    else throw failed(i, `${verb}: the parent of ${path} does not exist`);
  }
  if (Array.isArray(node) || isObject(node)) return node;
  throw failed(i, `${verb}: the parent of ${path} is not an object or array`);
}

function arrayIndex(token: string, max: number, path: string, i: number, verb: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw failed(i, `${verb}: ${path}: "${token}" is not an array index`);
  const index = Number(token);
  if (index > max) throw failed(i, `${verb}: ${path}: index ${index} is out of bounds`);
  return index;
}

/** RFC 6901: "" is the whole document; "/a/b~1c" is a → "b/c" ("~1" is "/", "~0" is "~"). */
function parsePointer(pointer: string, i: number): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw malformed(i, `path ${JSON.stringify(pointer)} must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => {
      if (/~[^01]|~$/.test(t)) throw malformed(i, `path ${JSON.stringify(pointer)} has a bad "~" escape`);
      return t.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

function malformed(i: number, message: string): PatchError {
  return new PatchError(`json patch operation ${i}: ${message}`, 'PATCH_MALFORMED');
}

function failed(i: number, message: string): PatchError {
  return new PatchError(`json patch operation ${i}: ${message}`, 'PATCH_FAILED');
}
