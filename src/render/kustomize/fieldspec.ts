/**
 * Walking a field spec (kustomize api/filters/fieldspec): `spec/template/metadata/labels`, where
 * `x[]` or a list on the way means "every element", optionally creating missing maps on the way.
 * The setter receives the container and key so it can replace immutable scalars in place.
 */
import type { FieldSpec } from './kustomization.ts';
import { parseGroupVersion } from './resid.ts';
import { KustomizeError } from './errors.ts';
import { scalarText, type KObject } from './resource.ts';
import { resIdString, makeResId } from './resid.ts';

export type Container = KObject | unknown[];
export type Setter = (container: Container, key: string | number) => void;

export type CreateKind = 'map' | 'scalar' | undefined;

/** kyaml's PathSplitter: `/`-separated, `\/` escapes a slash inside a segment. */
export function splitPath(path: string, delimiter = '/'): string[] {
  let ps = path.split(delimiter);
  if (ps.length > 1 && ps[0] === '') ps = ps.slice(1);
  const res: string[] = [ps[0]!];
  for (let i = 1; i < ps.length; i++) {
    const last = res.length - 1;
    if (res[last]!.endsWith('\\')) res[last] = res[last]!.slice(0, -1) + delimiter + ps[i]!;
    else res.push(ps[i]!);
  }
  return res;
}

export function isMap(v: unknown): v is KObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether the field spec's group/version/kind matches the object as it is now. */
export function fieldSpecMatches(fs: FieldSpec, obj: KObject): boolean {
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  if (fs.kind && fs.kind !== kind) return false;
  const { group, version } = parseGroupVersion(
    typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '',
  );
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

const pathCache = new Map<string, string[]>();
function cachedSplit(path: string): string[] {
  let p = pathCache.get(path);
  if (!p) {
    p = splitPath(path);
    pathCache.set(path, p);
  }
  return p;
}

/** Applies `set` at every place `fs` names in `obj` (after the GVK check). */
export function applyFieldSpec(obj: KObject, fs: FieldSpec, set: Setter, createKind: CreateKind): void {
  if (!fieldSpecMatches(fs, obj)) return;
  const path = cachedSplit(fs.path);
  try {
    walk({ root: obj }, 'root', path, 0, fs.create === true, createKind, set);
  } catch (err) {
    if (err instanceof KustomizeError && err.message.startsWith('considering field')) throw err;
    const md = isMap(obj['metadata']) ? obj['metadata'] : {};
    const { group, version } = parseGroupVersion(scalarText(obj['apiVersion']));
    const id = makeResId(
      { group, version, kind: scalarText(obj['kind']) },
      scalarText(md['name']),
      scalarText(md['namespace']),
    );
    throw new KustomizeError(
      `considering field '${fs.path}' of object ${resIdString(id)}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

function walk(
  parent: Container,
  key: string | number,
  path: string[],
  i: number,
  create: boolean,
  createKind: CreateKind,
  set: Setter,
): void {
  if (i === path.length) {
    set(parent, key);
    return;
  }
  const node = (parent as Record<string | number, unknown>)[key];
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (let j = 0; j < node.length; j++) walk(node, j, path, i, create, createKind, set);
    return;
  }
  if (!isMap(node)) throw new KustomizeError('expected sequence or mapping node');
  const seg = path[i]!;
  const isSeq = seg.endsWith('[]');
  const name = isSeq ? seg.slice(0, -2) : seg;
  if (name === '') throw new KustomizeError('cannot set or create an empty field name');
  if (!create || createKind === undefined || isSeq) {
    if (!Object.hasOwn(node, name)) return;
    if (isSeq && node[name] === null) node[name] = [];
  } else if (i === path.length - 1) {
    if (!Object.hasOwn(node, name)) node[name] = createKind === 'map' ? {} : '';
    else if (node[name] === null) node[name] = createKind === 'map' ? {} : '';
  } else if (!Object.hasOwn(node, name) || node[name] === null) {
    node[name] = {};
  }
  walk(node, name, path, i + 1, create, createKind, set);
}
