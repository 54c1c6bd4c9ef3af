import { formatLabels } from '../select/labels.ts';
import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, num, type Printer } from './types.ts';

/** `kubectl get svc`: type, cluster IP, external IP (LoadBalancer ingress or `<pending>`), ports. */
export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'type determines how the Service is exposed.'),
    column(
      'Cluster-IP',
      'string',
      'clusterIP is the IP address of the service and is usually assigned randomly.',
    ),
    column(
      'External-IP',
      'string',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column(
      'Selector',
      'string',
      'Route service traffic to pods with label keys and values matching this selector.',
      1,
    ),
  ],
  cells: (o, now) => {
    const spec = (o.spec ?? {}) as {
      type?: string;
      clusterIPs?: string[];
      clusterIP?: string;
      externalIPs?: string[];
      externalName?: string;
      ports?: { port?: number; nodePort?: number; protocol?: string }[];
      selector?: Record<string, string>;
    };
    const ports = (spec.ports ?? [])
      .map((p) =>
        num(p.nodePort) > 0
          ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
          : `${p.port}/${p.protocol ?? 'TCP'}`,
      )
      .join(',');
    return [
      o.metadata.name,
      spec.type ?? '',
      spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>',
      externalIP(
        spec,
        field(o, 'status', 'loadBalancer', 'ingress') as { ip?: string; hostname?: string }[] | undefined,
      ),
      ports || '<none>',
      since(o.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

function externalIP(
  spec: { type?: string; externalIPs?: string[]; externalName?: string },
  ingress: { ip?: string; hostname?: string }[] | undefined,
): string {
  const external = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set((ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s))]
        .sort()
        .join(',');
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb ? (lb.length > 16 ? `${lb.slice(0, 13)}...` : lb) : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}
