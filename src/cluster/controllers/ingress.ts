import type { ControllerContext } from './loop/context.ts';
import { nodeIp } from './node.ts';
import { INGRESS } from './shared/kinds.ts';

/**
 * A simulated ingress controller: every Ingress gets `status.loadBalancer.ingress` with the
 * first node's address (as an ingress controller on a kind node reports), which is what health
 * checks wait for.
 */
export function startIngressController(ctx: ControllerContext): void {
  const ingresses = ctx.informer(INGRESS);
  const queue = ctx.queue('ingress', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const ing = ingresses.get(ns, name);
    if (!ing || ing.metadata.deletionTimestamp) return;
    const current = (ing.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer
      ?.ingress;
    if (current && current.length > 0) return;
    const copy = structuredClone(ing);
    copy.status = { loadBalancer: { ingress: [{ ip: nodeIp(0) }] } };
    await ctx.updateStatus(copy, 'ingress-controller');
    ctx.event(ing, 'Normal', 'Sync', 'Scheduled for sync', 'ingress-controller');
  });
  ingresses.on({
    added: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    updated: (_o, n) => queue.add(`${n.metadata.namespace}/${n.metadata.name}`),
  });
}
