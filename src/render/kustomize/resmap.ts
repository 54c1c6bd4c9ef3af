/**
 * The ordered list of resources in a build (kustomize's resWrangler). Ids can change under any
 * transformer, so lookups scan the list as kustomize does; appends index the current ids once per
 * batch so that adding N resources costs O(N) rather than kustomize's O(N²).
 */
import { KustomizeError } from './errors.ts';
import { idEquals, idKey, resIdString, type ResId } from './resid.ts';
import type { Resource } from './resource.ts';

export class ResMap {
  private items: Resource[] = [];
  /** Id keys of `items`, valid until something may have renamed a resource (see invalidate). */
  private keys: Set<string> | undefined;

  get list(): Resource[] {
    return this.items;
  }

  set list(v: Resource[]) {
    this.items = v;
    this.keys = undefined;
  }

  /** Transformers may change ids: call after running one. */
  invalidate(): void {
    this.keys = undefined;
  }

  size(): number {
    return this.list.length;
  }

  resources(): Resource[] {
    return [...this.list];
  }

  clear(): void {
    this.list = [];
  }

  append(r: Resource): void {
    this.appendAll([r]);
  }

  /** Appends each resource, failing on an id already present (as resWrangler.Append). */
  appendAll(rs: readonly Resource[]): void {
    const keys = (this.keys ??= new Set(this.items.map((r) => idKey(r.curId()))));
    for (const r of rs) {
      const id = r.curId();
      const k = idKey(id);
      if (keys.has(k)) {
        this.keys = undefined;
        throw new KustomizeError(`may not add resource with an already registered id: ${resIdString(id)}`);
      }
      keys.add(k);
      this.items.push(r);
    }
  }

  getMatchingByCurrentId(match: (id: ResId) => boolean): Resource[] {
    return this.list.filter((r) => match(r.curId()));
  }

  getMatchingByAnyId(match: (id: ResId) => boolean): Resource[] {
    return this.list.filter((r) => r.prevIds().some(match) || match(r.curId()));
  }

  /** GetById: exactly one resource whose current or previous id equals `id`. */
  getById(id: ResId): Resource {
    const found = this.getMatchingByAnyId((x) => idEquals(id, x));
    if (found.length === 1) return found[0]!;
    const what =
      found.length > 1
        ? `multiple matches for Id ${resIdString(id)}`
        : `no matches for Id ${resIdString(id)}`;
    throw new KustomizeError(`${what}; failed to find unique target for patch ${resIdString(id)}`);
  }

  indexOf(r: Resource): number {
    return this.list.indexOf(r);
  }

  replaceAt(i: number, r: Resource): void {
    this.items[i] = r;
    this.keys = undefined;
  }

  remove(r: Resource): void {
    const i = this.items.indexOf(r);
    if (i >= 0) this.items.splice(i, 1);
    this.keys = undefined;
  }

  dropEmpties(): void {
    if (this.items.some((r) => r.isEmpty())) this.list = this.items.filter((r) => !r.isEmpty());
  }
}
