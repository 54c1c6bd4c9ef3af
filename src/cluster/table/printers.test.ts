import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { Registry } from '../registry/registry.ts';
import { printerFor, toTable } from './convert.ts';
import { customPrinter } from './custom.ts';

const registry = new Registry();
const now = Date.now();
const created = new Date(now - 90_000).toISOString();
const type = (apiVersion: string, kind: string) => registry.byKind(apiVersion, kind)!;

/** Cells of the columns kubectl shows without -o wide. */
function visible(apiVersion: string, kind: string, obj: Record<string, unknown>): Record<string, unknown> {
  const info = type(apiVersion, kind);
  const printer = printerFor(info);
  const o = {
    apiVersion,
    kind,
    ...obj,
    metadata: { name: 'x', creationTimestamp: created, ...(obj['metadata'] as object) },
  } as KubeObject;
  const cells = printer.cells(o, now);
  const pairs: [string, unknown][] = printer.columns.map((c, i) => [c.name, cells[i]]);
  return Object.fromEntries(pairs.filter((_, i) => printer.columns[i]!.priority === 0));
}

test('deployments: READY, UP-TO-DATE, AVAILABLE, AGE', () => {
  assert.deepEqual(
    visible('apps/v1', 'Deployment', {
      spec: { replicas: 3 },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    }),
    { Name: 'x', Ready: '2/3', 'Up-to-date': 3, Available: 2, Age: '90s' },
  );
  assert.equal(visible('apps/v1', 'Deployment', { spec: {} })['Ready'], '0/1', 'replicas default to 1');
});

test('replicasets, statefulsets and daemonsets', () => {
  assert.deepEqual(
    visible('apps/v1', 'ReplicaSet', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 1 } }),
    {
      Name: 'x',
      Desired: 2,
      Current: 2,
      Ready: 1,
      Age: '90s',
    },
  );
  assert.deepEqual(
    visible('apps/v1', 'StatefulSet', { spec: { replicas: 3 }, status: { readyReplicas: 3 } }),
    { Name: 'x', Ready: '3/3', Age: '90s' },
  );
  assert.deepEqual(
    visible('apps/v1', 'DaemonSet', {
      spec: { template: { spec: { nodeSelector: { os: 'linux' } } } },
      status: { desiredNumberScheduled: 1, numberReady: 1 },
    }),
    {
      Name: 'x',
      Desired: 1,
      Current: 0,
      Ready: 1,
      'Up-to-date': 0,
      Available: 0,
      'Node Selector': 'os=linux',
      Age: '90s',
    },
  );
});

test('services show type, cluster IP, external IP and ports', () => {
  assert.deepEqual(
    visible('v1', 'Service', {
      spec: {
        type: 'NodePort',
        clusterIPs: ['10.96.0.10'],
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    }),
    {
      Name: 'x',
      Type: 'NodePort',
      'Cluster-IP': '10.96.0.10',
      'External-IP': '<none>',
      'Port(s)': '80:30080/TCP,53/UDP',
      Age: '90s',
    },
  );
  assert.equal(
    visible('v1', 'Service', { spec: { type: 'LoadBalancer', ports: [] } })['External-IP'],
    '<pending>',
  );
  assert.equal(
    visible('v1', 'Service', {
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    })['External-IP'],
    '1.2.3.4',
  );
  assert.equal(
    visible('v1', 'Service', { spec: { type: 'ExternalName', externalName: 'db.example.com' } })[
      'External-IP'
    ],
    'db.example.com',
  );
});

test('configmaps, secrets, namespaces, nodes', () => {
  assert.deepEqual(visible('v1', 'ConfigMap', { data: { a: '1' }, binaryData: { b: 'AA==' } }), {
    Name: 'x',
    Data: 2,
    Age: '90s',
  });
  assert.deepEqual(visible('v1', 'Secret', { type: 'Opaque', data: { a: 'eA==' } }), {
    Name: 'x',
    Type: 'Opaque',
    Data: 1,
    Age: '90s',
  });
  assert.deepEqual(visible('v1', 'Namespace', { status: { phase: 'Terminating' } }), {
    Name: 'x',
    Status: 'Terminating',
    Age: '90s',
  });
  assert.deepEqual(
    visible('v1', 'Node', {
      metadata: { labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.31.0' } },
    }),
    { Name: 'x', Status: 'Ready,SchedulingDisabled', Roles: 'control-plane', Age: '90s', Version: 'v1.31.0' },
  );
});

test('events: last seen, type, reason, object, message', () => {
  assert.deepEqual(
    visible('v1', 'Event', {
      type: 'Warning',
      reason: 'BackOff',
      message: ' Back-off restarting failed container \n',
      involvedObject: { kind: 'Pod', name: 'web-1' },
      lastTimestamp: created,
      count: 3,
    }),
    {
      'Last Seen': '90s',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/web-1',
      Message: 'Back-off restarting failed container',
    },
  );
});

test('jobs and cronjobs', () => {
  const start = new Date(now - 30_000).toISOString();
  assert.deepEqual(
    visible('batch/v1', 'Job', {
      spec: { completions: 3 },
      status: {
        succeeded: 3,
        startTime: start,
        completionTime: new Date(now - 10_000).toISOString(),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    }),
    { Name: 'x', Status: 'Complete', Completions: '3/3', Duration: '20s', Age: '90s' },
  );
  assert.equal(
    visible('batch/v1', 'Job', { spec: { parallelism: 2 }, status: {} })['Completions'],
    '0/1 of 2',
  );
  assert.deepEqual(
    visible('batch/v1', 'CronJob', {
      spec: { schedule: '*/5 * * * *', suspend: false },
      status: { active: [{}], lastScheduleTime: created },
    }),
    {
      Name: 'x',
      Schedule: '*/5 * * * *',
      Timezone: '<none>',
      Suspend: 'False',
      Active: 1,
      'Last Schedule': '90s',
      Age: '90s',
    },
  );
});

test('persistent volume claims and ingresses', () => {
  assert.deepEqual(
    visible('v1', 'PersistentVolumeClaim', {
      spec: { volumeName: 'pv-1', storageClassName: 'standard' },
      status: {
        phase: 'Bound',
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
      },
    }),
    {
      Name: 'x',
      Status: 'Bound',
      Volume: 'pv-1',
      Capacity: '1Gi',
      'Access Modes': 'RWO,RWX',
      StorageClass: 'standard',
      VolumeAttributesClass: '<unset>',
      Age: '90s',
    },
  );
  assert.deepEqual(
    visible('networking.k8s.io/v1', 'Ingress', {
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}], tls: [{}] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } },
    }),
    { Name: 'x', Class: 'nginx', Hosts: 'a.example.com', Address: '10.0.0.1', Ports: '80, 443', Age: '90s' },
  );
});

test('types without a printer get Name and Created At', () => {
  const cols = printerFor(type('rbac.authorization.k8s.io/v1', 'Role')).columns.map((c) => [c.name, c.type]);
  assert.deepEqual(cols, [
    ['Name', 'string'],
    ['Created At', 'date'],
  ]);
});

test('CRD printer columns type their cells; no columns means Age', () => {
  const printer = customPrinter([
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Images', type: 'string', jsonPath: '.spec.images[*]' },
    { name: 'Started', type: 'date', jsonPath: '.status.startedAt' },
    { name: 'Missing', type: 'string', jsonPath: '.spec.nope', priority: 1 },
  ]);
  const o = {
    apiVersion: 'x/v1',
    kind: 'X',
    metadata: { name: 'n', creationTimestamp: created },
    spec: { replicas: 2.0, images: ['a', 'b'] },
    status: { conditions: [{ type: 'Ready', status: 'True' }], startedAt: created },
  } as KubeObject;
  assert.deepEqual(printer.cells(o, now), ['n', 2, 'True', 'a b', '90s', null]);
  assert.equal(printer.columns[5]?.priority, 1);
  assert.deepEqual(
    customPrinter([]).columns.map((c) => c.name),
    ['Name', 'Age'],
  );
});

test('a Table carries rows with partial object metadata by default, the object or nothing on request', () => {
  const info = type('v1', 'ConfigMap');
  const o = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', creationTimestamp: created, resourceVersion: '5' },
  } as KubeObject;
  const table = toTable(info, [o], { includeObject: 'Metadata', resourceVersion: '9' });
  assert.equal(table.kind, 'Table');
  assert.equal(table.apiVersion, 'meta.k8s.io/v1');
  assert.deepEqual(table.metadata, { resourceVersion: '9' });
  assert.deepEqual(table.rows[0], {
    cells: ['c', 0, '90s'],
    object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
  });
  assert.deepEqual(
    (toTable(info, [o], { includeObject: 'Object', resourceVersion: '9' }).rows[0] as { object: unknown })
      .object,
    o,
  );
  assert.equal(
    'object' in (toTable(info, [o], { includeObject: 'None', resourceVersion: '9' }).rows[0] as object),
    false,
  );
  assert.equal(
    toTable(info, [o], { includeObject: 'None', resourceVersion: '9', noHeaders: true }).columnDefinitions,
    null,
  );
});
