import { randomInt } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import type { FieldError } from '../errors.ts';

/** kube-apiserver's default `--service-cluster-ip-range` and `--service-node-port-range`. */
export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { first: 30000, last: 32767 } as const;

type Obj = Record<string, unknown>;
interface Port {
  port?: unknown;
  nodePort?: unknown;
}

/**
 * Cluster IPs and node ports for Services. What is taken is read from the stored Services, so
 * allocations survive restarts with no state of their own; the few handed out but not stored yet
 * (a create still in admission, a dry run) are remembered so two concurrent creates never get the
 * same address. Free addresses are picked at random from the upper part of the range, as
 * kube-apiserver does, leaving the lower band to Services that ask for a fixed IP.
 */
export class ServiceAllocator {
  readonly #services: () => Iterable<KubeObject>;
  readonly #base: number;
  readonly #size: number;
  readonly #recent = new Set<string>();

  constructor(services: () => Iterable<KubeObject>, cidr = SERVICE_CIDR) {
    this.#services = services;
    const [address, bits] = cidr.split('/');
    this.#base = ipToNumber(address ?? '');
    this.#size = 2 ** (32 - Number(bits));
  }

  /** A free cluster IP. */
  allocateClusterIP = (service: Obj): string => {
    const used = this.#usedIPs(service);
    // Skip the network address, .1 (the `kubernetes` Service's), the static band and broadcast.
    const staticBand = Math.min(Math.max(16, this.#size / 16), 256);
    for (let tries = 0; tries < 1000; tries++) {
      const ip = numberToIp(this.#base + randomInt(staticBand, this.#size - 1));
      if (!used.has(ip)) return this.#remember(ip);
    }
    for (let offset = 2; offset < this.#size - 1; offset++) {
      const ip = numberToIp(this.#base + offset);
      if (!used.has(ip)) return this.#remember(ip);
    }
    throw new Error(`no free cluster IP in ${SERVICE_CIDR}`);
  };

  /** A free node port. */
  allocateNodePort = (service: Obj): number => {
    const used = this.#usedNodePorts(service);
    const { first, last } = NODE_PORT_RANGE;
    for (let tries = 0; tries < 1000; tries++) {
      const port = randomInt(first, last + 1);
      if (!used.has(port) && !this.#recent.has(`port:${port}`)) return this.#rememberPort(port);
    }
    for (let port = first; port <= last; port++) {
      if (!used.has(port) && !this.#recent.has(`port:${port}`)) return this.#rememberPort(port);
    }
    throw new Error(`no free node port in ${first}-${last}`);
  };

  /** The 422 causes for a new Service asking for a cluster IP or node ports it cannot have. */
  checkRequested(service: KubeObject): FieldError[] {
    const spec = (service.spec ?? {}) as Obj;
    const errors: FieldError[] = [];
    const ip = spec.clusterIP;
    if (typeof ip === 'string' && ip !== '' && ip !== 'None') {
      const why = !isIPv4(ip)
        ? undefined
        : !this.#inRange(ip)
          ? `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`
          : this.#usedIPs(service).has(ip)
            ? 'provided IP is already allocated'
            : undefined;
      if (why) {
        errors.push({
          reason: 'FieldValueInvalid',
          field: 'spec.clusterIPs',
          message: `Invalid value: []string{${JSON.stringify(ip)}}: failed to allocate IP ${ip}: ${why}`,
        });
      }
    }
    const usedPorts = this.#usedNodePorts(service);
    const ports = Array.isArray(spec.ports) ? (spec.ports as Port[]) : [];
    ports.forEach((p, i) => {
      const n = p.nodePort;
      if (typeof n !== 'number' || n === 0) return;
      const { first, last } = NODE_PORT_RANGE;
      const why =
        n < first || n > last
          ? `provided port is not in the valid range. The range of valid ports is ${first}-${last}`
          : usedPorts.has(n)
            ? 'provided port is already allocated'
            : undefined;
      if (why) {
        errors.push({
          reason: 'FieldValueInvalid',
          field: `spec.ports[${i}].nodePort`,
          message: `Invalid value: ${n}: ${why}`,
        });
      }
    });
    return errors;
  }

  #others(service: Obj): KubeObject[] {
    const meta = (service.metadata ?? {}) as { namespace?: string; name?: string };
    return [...this.#services()].filter(
      (s) => s.metadata.namespace !== meta.namespace || s.metadata.name !== meta.name,
    );
  }

  #usedIPs(service: Obj): Set<string> {
    const used = new Set<string>([...this.#recent].filter((k) => !k.startsWith('port:')));
    for (const s of this.#others(service)) {
      const spec = (s.spec ?? {}) as { clusterIP?: string; clusterIPs?: string[] };
      if (spec.clusterIP) used.add(spec.clusterIP);
      for (const ip of spec.clusterIPs ?? []) used.add(ip);
    }
    return used;
  }

  #usedNodePorts(service: Obj): Set<number> {
    const used = new Set<number>();
    for (const s of this.#others(service)) {
      const ports = ((s.spec ?? {}) as { ports?: Port[] }).ports ?? [];
      for (const p of ports) if (typeof p.nodePort === 'number') used.add(p.nodePort);
    }
    return used;
  }

  #inRange(ip: string): boolean {
    const n = ipToNumber(ip);
    return n >= this.#base && n < this.#base + this.#size;
  }

  #remember(key: string): string {
    this.#recent.add(key);
    // Handed-out addresses are stored (or dropped) within moments; a short memory is enough.
    if (this.#recent.size > 1024) this.#recent.delete(this.#recent.values().next().value!);
    return key;
  }

  #rememberPort(port: number): number {
    this.#remember(`port:${port}`);
    return port;
  }
}

function isIPv4(ip: string): boolean {
  return (
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip) && ip.split('.').every((o) => Number(o) < 256)
  );
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
