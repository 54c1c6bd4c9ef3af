import { formatLabels } from '../select/labels.ts';
import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, num, str, type Printer } from './types.ts';

const age = (ts: unknown, now: number) => since(ts, now);

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
      age(o.metadata.creationTimestamp, now),
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

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'string', 'Data contains the configuration data.'), AGE_COLUMN],
  cells: (o, now) => [
    o.metadata.name,
    Object.keys((o.data as object | undefined) ?? {}).length +
      Object.keys((o.binaryData as object | undefined) ?? {}).length,
    age(o.metadata.creationTimestamp, now),
  ],
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'string', 'Data contains the secret data.'),
    AGE_COLUMN,
  ],
  cells: (o, now) => [
    o.metadata.name,
    str(o.type),
    Object.keys((o.data as object | undefined) ?? {}).length,
    age(o.metadata.creationTimestamp, now),
  ],
};

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  cells: (o, now) => [
    o.metadata.name,
    str(field(o, 'status', 'phase')),
    age(o.metadata.creationTimestamp, now),
  ],
};

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release.', 1),
    column('Kernel-Version', 'string', 'Kernel Version reported by the node.', 1),
    column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node.', 1),
  ],
  cells: (o, now) => {
    const conditions = (field(o, 'status', 'conditions') ?? []) as { type?: string; status?: string }[];
    const readyCondition = conditions.find((c) => c.type === 'Ready');
    const status = readyCondition ? [readyCondition.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
    if (field(o, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
    const roles = new Set<string>();
    for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
      if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
        roles.add(k.slice(24));
      else if (k === 'kubernetes.io/role' && v) roles.add(v);
    }
    const addresses = (field(o, 'status', 'addresses') ?? []) as { type?: string; address?: string }[];
    const info = (field(o, 'status', 'nodeInfo') ?? {}) as Record<string, string>;
    return [
      o.metadata.name,
      status.join(','),
      [...roles].sort().join(',') || '<none>',
      age(o.metadata.creationTimestamp, now),
      info['kubeletVersion'] ?? '',
      addresses.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
      addresses.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
      info['osImage'] || '<unknown>',
      info['kernelVersion'] || '<unknown>',
      info['containerRuntimeVersion'] || '<unknown>',
    ];
  },
};

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'string', 'The object that this event is about.'),
    column(
      'Subobject',
      'string',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go-field access statement.',
      1,
    ),
    column(
      'Source',
      'string',
      'The component reporting this event. Should be a short machine understandable string.',
      1,
    ),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column(
      'First Seen',
      'string',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1,
    ),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: (o, now) => {
    const first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
    const series = o.series as { count?: number; lastObservedTime?: string } | undefined;
    let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
    let count = num(o.count);
    if (series) {
      last = since(series.lastObservedTime, now);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const involved = (o.involvedObject ?? {}) as { kind?: string; name?: string; fieldPath?: string };
    const kind = (involved.kind ?? '').toLowerCase();
    const source = (o.source ?? {}) as { component?: string; host?: string };
    const component = source.component || str(o.reportingComponent);
    const host = source.host || str(o.reportingInstance);
    return [
      last,
      str(o.type),
      str(o.reason),
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? '',
      host ? `${component}, ${host}` : component,
      str(o.message).trim(),
      first,
      count,
      o.metadata.name,
    ];
  },
};

const accessModes = (modes: unknown): string => {
  const list = (modes ?? []) as string[];
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']
    .filter((m) => list.includes(m))
    .map((m) => short[m])
    .join(',');
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    column(
      'Volume',
      'string',
      'volumeName is the binding reference to the PersistentVolume backing this claim.',
    ),
    column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    column(
      'Access Modes',
      'string',
      'accessModes contains the actual access modes the volume backing the PVC has.',
    ),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
  ],
  cells: (o, now) => {
    const volumeName = str(field(o, 'spec', 'volumeName'));
    const bound = volumeName !== '';
    const storageClass =
      o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      str(field(o, 'spec', 'storageClassName'));
    return [
      o.metadata.name,
      o.metadata.deletionTimestamp ? 'Terminating' : str(field(o, 'status', 'phase')),
      volumeName,
      bound ? str(field(o, 'status', 'capacity', 'storage')) : '',
      bound ? accessModes(field(o, 'status', 'accessModes')) : '',
      storageClass,
      str(field(o, 'spec', 'volumeAttributesClassName')) || '<unset>',
      age(o.metadata.creationTimestamp, now),
      str(field(o, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
};

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
      age(o.metadata.creationTimestamp, now),
    ];
  },
};
