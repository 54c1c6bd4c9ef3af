/**
 * Pod IPs from each node's /16 pod CIDR (`10.<244+i>.0.0/16`): handed out in order, taken back
 * when the pod goes, and rebuilt from the pods present after a restart.
 */
export class PodIpam {
  readonly #used = new Map<number, Set<number>>();
  readonly #next = new Map<number, number>();

  /** Marks an IP as taken (pods that already have one). */
  claim(ip: string): void {
    const p = parse(ip);
    if (p) this.#set(p.node).add(p.n);
  }

  release(ip: string | undefined): void {
    const p = ip ? parse(ip) : undefined;
    if (p) this.#used.get(p.node)?.delete(p.n);
  }

  allocate(node: number): string {
    const used = this.#set(node);
    let n = this.#next.get(node) ?? 2;
    for (let tries = 0; tries < 65_536; tries++, n++) {
      if (n > 65_534) n = 2;
      if ((n & 255) === 0 || (n & 255) === 255 || used.has(n)) continue;
      used.add(n);
      this.#next.set(node, n + 1);
      return `10.${244 + node}.${n >> 8}.${n & 255}`;
    }
    throw new Error(`node ${node}: pod CIDR exhausted`);
  }

  #set(node: number): Set<number> {
    let s = this.#used.get(node);
    if (!s) this.#used.set(node, (s = new Set()));
    return s;
  }
}

function parse(ip: string): { node: number; n: number } | undefined {
  const m = /^10\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const node = Number(m[1]) - 244;
  if (node < 0) return undefined;
  return { node, n: Number(m[2]) * 256 + Number(m[3]) };
}
