import type { KubeObject } from '../../core/index.ts';
import type { ControllerContext } from './loop/context.ts';
import { ENDPOINT_SLICE, POD, SERVICE } from './shared/kinds.ts';
import { controllerRef } from './shared/owner.ts';
import { backendsOf, hasSelector, selects, targetRef, type ServiceSpec } from './shared/service-endpoints.ts';

const MANAGER = 'endpointslice-controller';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';

/**
 * The EndpointSlice controller: one IPv4 slice per Service with a selector (`<service>-xxxxx`,
 * owned by the Service, labelled `kubernetes.io/service-name`), an endpoint per pod with its
 * ready/serving/terminating conditions, node and target, and the resolved ports.
 */
export function startEndpointSliceController(ctx: ControllerContext): void {
  const services = ctx.informer(SERVICE);
  const pods = ctx.informer(POD);
  const slices = ctx.informer(ENDPOINT_SLICE);
  const queue = ctx.queue('endpointslice', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const svc = services.get(ns, name);
    if (!svc || svc.metadata.deletionTimestamp || !hasSelector(svc)) return;
    const ours = slices
      .ownedBy(svc.metadata.uid)
      .filter((s) => s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME);
    const spec = (svc.spec ?? {}) as ServiceSpec;
    const backends = backendsOf(svc, pods.list(ns));
    const endpoints = backends.map((b) => {
      const podSpec = b.pod.spec as { nodeName?: string; hostname?: string; subdomain?: string };
      return {
        addresses: [b.ip],
        conditions: { ready: b.ready && !b.terminating, serving: b.ready, terminating: b.terminating },
        ...(podSpec.hostname && podSpec.subdomain === name ? { hostname: podSpec.hostname } : {}),
        ...(podSpec.nodeName ? { nodeName: podSpec.nodeName } : {}),
        targetRef: targetRef(b.pod),
      };
    });
    const ports = (spec.ports ?? [])
      .map((p) => {
        const port = backends.find((b) => b.ports.has(p.name ?? ''))?.ports.get(p.name ?? '');
        return {
          name: p.name ?? '',
          port,
          protocol: p.protocol ?? 'TCP',
          ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        };
      })
      .filter((p) => p.port !== undefined);
    const labels = {
      ...svc.metadata.labels,
      [SERVICE_NAME]: name,
      [MANAGED_BY]: CONTROLLER_NAME,
      ...(spec.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
    };
    const [first, ...extra] = ours;
    for (const s of extra)
      await ctx.remove(
        ENDPOINT_SLICE,
        { namespace: ns, name: s.metadata.name ?? '' },
        { fieldManager: MANAGER },
      );
    const body = {
      addressType: 'IPv4',
      endpoints,
      ports: ports.length ? ports : null,
    };
    if (first) {
      const same =
        JSON.stringify({
          a: first['addressType'],
          e: first['endpoints'] ?? [],
          p: first['ports'] ?? null,
        }) === JSON.stringify({ a: body.addressType, e: body.endpoints, p: body.ports }) &&
        JSON.stringify(first.metadata.labels) === JSON.stringify(labels);
      if (same) return;
      await ctx.update(
        { ...structuredClone(first), ...body, metadata: { ...structuredClone(first.metadata), labels } },
        MANAGER,
      );
      return;
    }
    await ctx.create(
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${name}-`, namespace: ns, labels, ownerReferences: [controllerRef(svc)] },
        ...body,
      },
      MANAGER,
    );
  });
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueFor = (pod: KubeObject) => {
    for (const svc of services.list(pod.metadata.namespace ?? '')) if (selects(svc, pod)) enqueue(svc);
  };
  services.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  pods.on({
    added: enqueueFor,
    updated: (o, n) => {
      enqueueFor(n);
      if (JSON.stringify(o.metadata.labels) !== JSON.stringify(n.metadata.labels)) enqueueFor(o);
    },
    deleted: enqueueFor,
  });
}
