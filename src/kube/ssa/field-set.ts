import { isObject } from '../json.ts';
import { canonicalElement, comparePathElements, type PathElement } from './path-element.ts';

/**
 * A set of field paths as a trie, like structured-merge-diff's `fieldpath.Set`: `members` are the
 * paths that end here, `children` the sets below each element. A node that is both a member and
 * has children serialises with a `.` entry. Operations return new sets; `insert` mutates.
 */
export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(...paths: (readonly PathElement[])[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: readonly PathElement[]): void {
    if (path.length === 0) return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking down the trie
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) node = node.descend(path[i]!);
    node.members.add(path[path.length - 1]!);
  }

  /** The child set at `pe`, created when missing. */
  descend(pe: PathElement): FieldSet {
    let child = this.children.get(pe);
    if (!child) {
      child = new FieldSet();
      this.children.set(pe, child);
    }
    return child;
  }

  has(path: readonly PathElement[]): boolean {
    if (path.length === 0) return false;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking down the trie
    let node: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && node; i++) node = node.children.get(path[i]!);
    return node?.members.has(path[path.length - 1]!) ?? false;
  }

  /** The set below `pe` (empty when there is none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(pe) ?? EMPTY;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  /** The number of paths in the set. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.size();
    return n;
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of other.members) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      out.children.set(pe, o ? c.union(o) : c.copy());
    }
    for (const [pe, c] of other.children) if (!this.children.has(pe)) out.children.set(pe, c.copy());
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      if (!o) continue;
      const r = c.intersection(o);
      if (!r.isEmpty()) out.children.set(pe, r);
    }
    return out;
  }

  /** Paths of this set that are not paths of `other` (exact paths, not prefixes). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      if (!o) {
        out.children.set(pe, c.copy());
        continue;
      }
      const r = c.difference(o);
      if (!r.isEmpty()) out.children.set(pe, r);
    }
    return out;
  }

  /** Like `difference`, but a member of `other` also removes everything below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (other.members.has(pe)) continue;
      const o = other.children.get(pe);
      if (!o) {
        out.children.set(pe, c.copy());
        continue;
      }
      const r = c.recursiveDifference(o);
      if (!r.isEmpty()) out.children.set(pe, r);
    }
    return out;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [pe, c] of this.children) out.children.set(pe, c.copy());
    return out;
  }

  equals(other: FieldSet): boolean {
    if (this.members.size !== other.members.size) return false;
    for (const m of this.members) if (!other.members.has(m)) return false;
    const mine = [...this.children].filter(([, c]) => !c.isEmpty());
    const theirs = [...other.children].filter(([, c]) => !c.isEmpty());
    if (mine.length !== theirs.length) return false;
    for (const [pe, c] of mine) {
      const o = other.children.get(pe);
      if (!o || !c.equals(o)) return false;
    }
    return true;
  }

  /** Every path, members before children at each level, each in server order. */
  paths(): PathElement[][] {
    const out: PathElement[][] = [];
    const walk = (s: FieldSet, prefix: PathElement[]): void => {
      for (const m of [...s.members].sort(comparePathElements)) out.push([...prefix, m]);
      for (const pe of [...s.children.keys()].sort(comparePathElements))
        walk(s.children.get(pe)!, [...prefix, pe]);
    };
    walk(this, []);
    return out;
  }

  /**
   * The FieldsV1 encoding: members and children interleaved in server order, `{}` leaves, and a
   * `.` entry first where a member also has children. Key order matches a real API server's bytes.
   */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false) ?? {};
  }

  /** The encoding of this node, or undefined when it holds nothing. */
  private emit(includeSelf: boolean): Record<string, unknown> | undefined {
    const entries: [PathElement, Record<string, unknown>][] = [];
    for (const m of this.members) {
      if (!this.children.has(m)) entries.push([m, {}]);
    }
    for (const [pe, child] of this.children) {
      const isMember = this.members.has(pe);
      const body = child.emit(isMember);
      if (body) entries.push([pe, body]);
      else if (isMember) entries.push([pe, {}]);
    }
    if (entries.length === 0) return includeSelf ? {} : undefined;
    entries.sort((a, b) => comparePathElements(a[0], b[0]));
    const out: Record<string, unknown> = includeSelf ? { '.': {} } : {};
    for (const [pe, body] of entries) out[pe] = body;
    return out;
  }

  /** Reads the FieldsV1 encoding. Unknown element prefixes are skipped, as the server does. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (!isObject(fields)) throw new Error('fieldsV1 must be an object');
    read(set, fields);
    return set;
  }
}

const EMPTY = new FieldSet();

/** Fills `into` from an encoded node; returns whether the node itself is a member. */
function read(into: FieldSet, node: Record<string, unknown>): boolean {
  let isMember = false;
  let hasChildren = false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      isMember = true;
      continue;
    }
    const pe = canonicalElement(key);
    if (pe === undefined) continue;
    if (!isObject(value)) throw new Error(`fieldsV1 entry ${key} must be an object`);
    hasChildren = true;
    const child = new FieldSet();
    const childIsMember = read(child, value);
    if (childIsMember) into.members.add(pe);
    if (!child.isEmpty()) into.children.set(pe, into.children.get(pe)?.union(child) ?? child);
  }
  // A node with no entries at all is a leaf: `f:x: {}` means the path is owned.
  return isMember || !hasChildren;
}
