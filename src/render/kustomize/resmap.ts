/**
 * The ordered list of resources in a build (kustomize's resWrangler). Ids can change under any
 * transformer, so lookups scan the list as kustomize does; appends index the current ids once per
 * batch so that adding N resources costs O(N) rather than kustomize's O(N²).
 */
import { KustomizeError } from './errors.ts';
import { idEquals, idKey, resIdString, type ResId } from './resid.ts';
import type { Resource } from './resource.ts';

export class ResMap {
  list: Resource[] = [];

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
    const keys = new Set(this.list.map((r) => idKey(r.curId())));
    for (const r of rs) {
      const id = r.curId();
      const k = idKey(id);
      if (keys.has(k)) throw new KustomizeError(`may not add resource with an already registered id: ${resIdString(id)}`);
      keys.add(k);
      this.list.push(r);
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
    const what = found.length > 1 ? `multiple matches for Id ${resIdString(id)}` : `no matches for Id ${resIdString(id)}`;
    throw new KustomizeError(`${what}; failed to find unique target for patch ${resIdString(id)}`);
  }

  indexOf(r: Resource): number {
    return this.list.indexOf(r);
  }

  replaceAt(i: number, r: Resource): void {
    this.list[i] = r;
  }

  remove(r: Resource): void {
    const i = this.list.indexOf(r);
    if (i >= 0) this.list.splice(i, 1);
  }

  dropEmpties(): void {
    this.list = this.list.filter((r) => !r.isEmpty());
  }
}
