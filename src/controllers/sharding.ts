import { CapstanError } from '../core/index.ts';
import { ConsistentHashRing, ringHash } from './consistent-hash.ts';
import { requestKey, type Request } from './request.ts';

/**
 * Splitting the objects among controller replicas (Argo CD's `controller.sharding.algorithm`,
 * applied here to Applications and Flux objects rather than to clusters):
 * - `legacy` (Argo's default): FNV-32a of the id modulo the replica count. Needs no knowledge of
 *   the other ids, but is uneven and moves most ids when the replica count changes;
 * - `round-robin`: the ids sorted, dealt out in turn. Even (±1), but one new id shifts the rest;
 * - `consistent-hashing`: consistent hashing with bounded loads. Nearly even (≤ 1.25 × average)
 *   and a change of replica count moves few ids.
 */
export type ShardingAlgorithm = 'legacy' | 'round-robin' | 'consistent-hashing';

export const shardingAlgorithms: readonly ShardingAlgorithm[] = [
  'legacy',
  'round-robin',
  'consistent-hashing',
];

/** FNV-1a, 32 bits, over the UTF-8 bytes of `s` (Go's `hash/fnv.New32a`). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Argo CD's legacy distribution: `fnv32a(id) % replicas`; an empty id goes to shard 0. */
export function legacyShard(id: string, replicas: number): number {
  if (replicas <= 0) return -1;
  return id === '' ? 0 : fnv32a(id) % replicas;
}

/**
 * The shard of every id under `algorithm` (every id of the fleet, not only one replica's).
 * `hashOf` may return cached ring hashes of the ids (hashing is most of the cost).
 */
export function assignShards(
  ids: Iterable<string>,
  replicas: number,
  algorithm: ShardingAlgorithm,
  hashOf: (id: string) => bigint = ringHash,
): Map<string, number> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, number>();
  if (replicas <= 0) return out;
  switch (algorithm) {
    case 'legacy':
      for (const id of sorted) out.set(id, legacyShard(id, replicas));
      break;
    case 'round-robin':
      sorted.forEach((id, i) => out.set(id, i % replicas));
      break;
    case 'consistent-hashing': {
      const ring = new ConsistentHashRing(Array.from({ length: replicas }, (_, i) => String(i)));
      const loads = new Map<string, number>();
      for (const id of sorted) {
        const host = ring.getLeast(hashOf(id));
        const load = (loads.get(host) ?? 0) + 1;
        loads.set(host, load);
        ring.updateLoad(host, load);
        out.set(id, Number(host));
      }
      break;
    }
  }
  return out;
}

export interface ShardOptions {
  algorithm: ShardingAlgorithm;
  /** Controller replicas (Argo's `ARGOCD_CONTROLLER_REPLICAS`). */
  replicas: number;
  /** This replica's shard, 0-based (from the StatefulSet ordinal). */
  shard: number;
}

export const defaultShardOptions: ShardOptions = { algorithm: 'legacy', replicas: 1, shard: 0 };

/** Raised for a shard number outside [0, replicas). */
export class InvalidShardError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'INVALID_SHARD' });
  }
}

/**
 * The shard-ownership predicate a controller applies (pass `filter.ownsRequest` as the
 * Controller's `owns`). `round-robin` and `consistent-hashing` depend on every id of the fleet:
 * feed them with `add`/`remove` from the watch of the primary kind (an id asked about is learned
 * too). Ids are `namespace/name` (`requestKey`), stable across restarts of the object's uid.
 */
export class ShardFilter {
  readonly #o: ShardOptions;
  /** Every known id, with its ring hash once computed. */
  readonly #ids = new Map<string, bigint | undefined>();
  #assignment: Map<string, number> | undefined;

  constructor(options: Partial<ShardOptions> = {}) {
    this.#o = { ...defaultShardOptions, ...options };
    const { replicas, shard } = this.#o;
    if (
      !Number.isInteger(replicas) ||
      replicas < 1 ||
      !Number.isInteger(shard) ||
      shard < 0 ||
      shard >= replicas
    ) {
      throw new InvalidShardError(`sharding: shard ${shard} is not within 0..${replicas - 1}`);
    }
  }

  get options(): Readonly<ShardOptions> {
    return this.#o;
  }

  add(id: string): void {
    if (this.#ids.has(id)) return;
    this.#ids.set(id, undefined);
    this.#assignment = undefined;
  }

  remove(id: string): void {
    if (this.#ids.delete(id)) this.#assignment = undefined;
  }

  /** Replaces the known ids (after a full list). */
  reset(ids: Iterable<string>): void {
    const next = new Map<string, bigint | undefined>();
    for (const id of ids) next.set(id, this.#ids.get(id));
    this.#ids.clear();
    for (const [id, hash] of next) this.#ids.set(id, hash);
    this.#assignment = undefined;
  }

  shardOf(id: string): number {
    const { algorithm, replicas } = this.#o;
    if (replicas === 1) return 0;
    if (algorithm === 'legacy') return legacyShard(id, replicas);
    this.add(id);
    this.#assignment ??= assignShards(this.#ids.keys(), replicas, algorithm, (k) => this.#hash(k));
    return this.#assignment.get(id) ?? -1;
  }

  owns(id: string): boolean {
    return this.shardOf(id) === this.#o.shard;
  }

  #hash(id: string): bigint {
    let h = this.#ids.get(id);
    if (h === undefined) this.#ids.set(id, (h = ringHash(id)));
    return h;
  }

  /** `owns` for a request, bound so it can be passed as a Controller's `owns`. */
  readonly ownsRequest = (request: Request): boolean => this.owns(requestKey(request));
}
