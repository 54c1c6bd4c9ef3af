import { createHash } from 'node:crypto';

/**
 * Consistent hashing with bounded loads, as Argo CD's `controller/sharding/consistent` does it:
 * every host owns `replicationFactor` points on a 64-bit ring (BLAKE2b-512 of `host + i`, first
 * 8 bytes little-endian); a key goes to the first point after its own hash whose host is not
 * above 1.25 × the average load, so no host gets more than its share plus 25 %.
 */
export class ConsistentHashRing {
  /** Ring points sorted by hash; shared between rings of the same hosts (hashing is the cost). */
  readonly #points: readonly RingPoint[];
  readonly #loads = new Map<string, number>();
  #totalLoad = 0;

  constructor(hosts: readonly string[], replicationFactor = 1000) {
    if (hosts.length === 0) throw new RangeError('consistent hash ring: no hosts');
    for (const h of hosts) this.#loads.set(h, 0);
    this.#points = ringPoints([...this.#loads.keys()], replicationFactor);
  }

  /**
   * The least-loaded host that may take `key` (or the key's `ringHash`), walking the ring from
   * the key's hash. It does not count the key: call `updateLoad` for the host it returns.
   */
  getLeast(key: string | bigint): string {
    const points = this.#points;
    let i = this.#firstAfter(typeof key === 'bigint' ? key : ringHash(key));
    // Terminates: the host with the lowest load is always under the bound.
    for (;;) {
      const point = points[i % points.length]!;
      if (this.#loadOk(point.host)) return point.host;
      i++;
    }
  }

  /** Sets a host's load (the number of items it was given). */
  updateLoad(host: string, load: number): void {
    const old = this.#loads.get(host);
    if (old === undefined) return;
    this.#totalLoad += load - old;
    this.#loads.set(host, load);
  }

  loads(): ReadonlyMap<string, number> {
    return this.#loads;
  }

  /** Index of the first point strictly after `hash` (wrapping to 0). */
  #firstAfter(hash: bigint): number {
    let lo = 0;
    let hi = this.#points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#points[mid]!.hash <= hash) lo = mid + 1;
      else hi = mid;
    }
    return lo % this.#points.length;
  }

  #loadOk(host: string): boolean {
    // Argo's arithmetic: integer average of (total + 1), at least 1, times 1.25 rounded up.
    let avg = Math.floor((this.#totalLoad + 1) / this.#loads.size);
    if (avg === 0) avg = 1;
    return (this.#loads.get(host) ?? 0) < Math.ceil(avg * 1.25);
  }
}

interface RingPoint {
  hash: bigint;
  host: string;
}

const ringCache = new Map<string, RingPoint[]>();

function ringPoints(hosts: string[], replicationFactor: number): RingPoint[] {
  const cacheKey = `${replicationFactor}\0${hosts.join('\0')}`;
  let points = ringCache.get(cacheKey);
  if (points) return points;
  points = [];
  for (const host of hosts) {
    for (let i = 0; i < replicationFactor; i++) points.push({ hash: ringHash(`${host}${i}`), host });
  }
  points.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  // Replica counts are few and rarely change; a handful of rings is all this ever holds.
  if (ringCache.size > 16) ringCache.clear();
  ringCache.set(cacheKey, points);
  return points;
}

/** A key's position on the ring: BLAKE2b-512, first 8 bytes little-endian. */
export function ringHash(key: string): bigint {
  return createHash('blake2b512').update(key).digest().readBigUInt64LE(0);
}
