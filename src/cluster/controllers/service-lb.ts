import type { KubeObject } from '../../core/index.ts';
import type { ControllerContext } from './loop/context.ts';
import { SERVICE } from './shared/kinds.ts';

const MANAGER = 'service-controller';

/** The first address of the simulated load-balancer pool (`172.18.255.200`–`.254`, as MetalLB on kind). */
const POOL_BASE = 200;
const POOL_END = 254;

const ingressOf = (s: KubeObject) =>
  (s.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];

/**
 * The cloud provider's service controller, simulated: a `type: LoadBalancer` Service gets an
 * external IP (`spec.loadBalancerIP` if set, else the next free one of the pool) in
 * `status.loadBalancer.ingress`; a Service that stops being a LoadBalancer loses it.
 */
export function startServiceLoadBalancer(ctx: ControllerContext): void {
  const services = ctx.informer(SERVICE);
  const used = new Map<string, string>(); // ip -> ns/name
  const queue = ctx.queue('service-lb', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const svc = services.get(ns, name);
    for (const [ip, owner] of used)
      if (owner === key && (!svc || ingressOf(svc)[0]?.ip !== ip)) used.delete(ip);
    if (!svc || svc.metadata.deletionTimestamp) return;
    const spec = (svc.spec ?? {}) as { type?: string; loadBalancerIP?: string };
    const ingress = ingressOf(svc);
    if (spec.type !== 'LoadBalancer') {
      if (ingress.length === 0) return;
      const copy = structuredClone(svc);
      copy.status = { ...(copy.status as object), loadBalancer: {} };
      await ctx.updateStatus(copy, MANAGER);
      ctx.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', MANAGER);
      return;
    }
    if (ingress[0]?.ip) {
      used.set(ingress[0].ip, key);
      return;
    }
    ctx.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', MANAGER);
    const ip = spec.loadBalancerIP || nextFree(used);
    if (!ip) {
      ctx.event(
        svc,
        'Warning',
        'SyncLoadBalancerFailed',
        'Error syncing load balancer: failed to ensure load balancer: no addresses left in the pool',
        MANAGER,
      );
      return;
    }
    used.set(ip, key);
    const copy = structuredClone(svc);
    copy.status = { ...(copy.status as object), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    await ctx.updateStatus(copy, MANAGER);
    ctx.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', MANAGER);
  });
  services.on({
    added: (s) => {
      const ip = ingressOf(s)[0]?.ip;
      if (ip) used.set(ip, `${s.metadata.namespace}/${s.metadata.name}`);
      queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    },
    updated: (_o, s) => queue.add(`${s.metadata.namespace}/${s.metadata.name}`),
    deleted: (s) => queue.add(`${s.metadata.namespace}/${s.metadata.name}`),
  });
}

function nextFree(used: Map<string, string>): string | undefined {
  for (let i = POOL_BASE; i <= POOL_END; i++) if (!used.has(`172.18.255.${i}`)) return `172.18.255.${i}`;
  return undefined;
}
