import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, str, type Printer } from './types.ts';

/** `kubectl get ingress`: class, hosts, address, ports. */
export const ingressPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column(
      'Class',
      'string',
      'The name of the IngressClass resource that should be used for additional configuration',
    ),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  cells: (o, now) => {
    const rules = (field(o, 'spec', 'rules') ?? []) as { host?: string }[];
    const hosts = rules.map((r) => r.host ?? '').filter((h) => h);
    let hostsText = hosts.slice(0, 3).join(',');
    if (rules.length > 3 && hosts.length > 3) hostsText += ` + ${rules.length - 3} more...`;
    const ingress = (field(o, 'status', 'loadBalancer', 'ingress') ?? []) as {
      ip?: string;
      hostname?: string;
    }[];
    let address = [...new Set(ingress.map((i) => i.ip || i.hostname || '').filter((s) => s))]
      .sort()
      .join(',');
    if (address.length > 16) address = `${address.slice(0, 13)}...`;
    const tls = (field(o, 'spec', 'tls') ?? []) as unknown[];
    return [
      o.metadata.name,
      str(field(o, 'spec', 'ingressClassName')) || '<none>',
      hostsText || '*',
      address,
      tls.length > 0 ? '80, 443' : '80',
      since(o.metadata.creationTimestamp, now),
    ];
  },
};
