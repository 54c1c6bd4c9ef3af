import type { KubeObject } from '../../core/index.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import { ENDPOINTS, POD, SERVICE } from './shared/kinds.ts';
import { backendsOf, hasSelector, selects, targetRef, type ServiceSpec } from './shared/service-endpoints.ts';

const MANAGER = 'endpoint-controller';
const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';

/**
 * The Endpoints controller: for each Service with a selector, an Endpoints object of the same
 * name listing the ready pods' IPs under `addresses` and the others under `notReadyAddresses`
 * (terminating pods are left out), with the ports resolved per pod. Removed with its Service.
 */
export function startEndpointsController(ctx: ControllerContext): void {
  const services = ctx.informer(SERVICE);
  const pods = ctx.informer(POD);
  const endpoints = ctx.informer(ENDPOINTS);
  const queue = ctx.queue('endpoints', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const svc = services.get(ns, name);
    const existing = endpoints.get(ns, name);
    if (!svc || svc.metadata.deletionTimestamp) {
      if (existing && !svc) await ctx.remove(ENDPOINTS, { namespace: ns, name }, { fieldManager: MANAGER });
      return;
    }
    if (!hasSelector(svc)) return;
    const spec = (svc.spec ?? {}) as ServiceSpec;
    const backends = backendsOf(svc, pods.list(ns)).filter((b) => !b.terminating);
    const address = (b: (typeof backends)[number]) => ({
      ip: b.ip,
      ...((b.pod.spec as { nodeName?: string }).nodeName
        ? { nodeName: (b.pod.spec as { nodeName?: string }).nodeName }
        : {}),
      targetRef: targetRef(b.pod),
    });
    const ready = backends.filter((b) => b.ready);
    const notReady = backends.filter((b) => !b.ready);
    const ports = (spec.ports ?? [])
      .filter((p) => backends.some((b) => b.ports.has(p.name ?? '')))
      .map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: backends.find((b) => b.ports.has(p.name ?? ''))!.ports.get(p.name ?? '')!,
        protocol: p.protocol ?? 'TCP',
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      }));
    const subsets =
      backends.length === 0
        ? undefined
        : [
            {
              ...(ready.length ? { addresses: ready.map(address) } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
              ...(ports.length ? { ports } : {}),
            },
          ];
    const labels = {
      ...svc.metadata.labels,
      ...(spec.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
    };
    const same =
      existing &&
      JSON.stringify(existing['subsets'] ?? null) === JSON.stringify(subsets ?? null) &&
      JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels);
    if (same) return;
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        ...(existing ? structuredClone(existing.metadata) : { name, namespace: ns }),
        labels,
        annotations: { ...existing?.metadata.annotations, [TRIGGER]: rfc3339(ctx.now()) },
      },
      ...(subsets ? { subsets } : {}),
    };
    if (Object.keys(labels).length === 0) delete body.metadata.labels;
    if (existing) await ctx.update(body, MANAGER);
    else await ctx.create(body, MANAGER);
  });
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueFor = (pod: KubeObject) => {
    for (const svc of services.list(pod.metadata.namespace ?? '')) if (selects(svc, pod)) enqueue(svc);
  };
  services.on({ added: enqueue, updated: (_o, n) => enqueue(n), deleted: enqueue });
  pods.on({
    added: enqueueFor,
    updated: (o, n) => {
      enqueueFor(n);
      if (JSON.stringify(o.metadata.labels) !== JSON.stringify(n.metadata.labels)) enqueueFor(o);
    },
    deleted: enqueueFor,
  });
}
