import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, str, type Printer } from './types.ts';

const age = (ts: unknown, now: number) => since(ts, now);

/** ConfigMaps, Secrets, Namespaces and Nodes: the small printers. */
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
