import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { applyDefaults } from './apply-defaults.ts';
import { imageTag } from './pod.ts';

function defaulted(obj: Record<string, unknown>, options = {}): KubeObject {
  const copy = structuredClone(obj) as KubeObject;
  applyDefaults(copy, options);
  return copy;
}

const podTemplate = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx',
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 80 } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      },
    ],
    volumes: [{ name: 'cache' }, { name: 'cfg', configMap: { name: 'cfg' } }],
  },
};

test('a Deployment gets what a v1.31 server writes, in the shape Go writes it', () => {
  const out = defaulted({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate },
  });
  assert.deepEqual(out.spec, {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, creationTimestamp: null },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            readinessProbe: {
              httpGet: { port: 80, path: '/', scheme: 'HTTP' },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            env: [
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } },
            ],
            imagePullPolicy: 'Always',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            resources: {},
          },
        ],
        volumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
  assert.deepEqual(out.status, {});
});

test('image pull policy follows the tag as ParseImageName reads it', () => {
  const cases: [string, string][] = [
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['registry.local:5000/team/nginx', 'latest'],
    ['registry.local:5000/team/nginx:2', '2'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', ''],
  ];
  for (const [image, tag] of cases) assert.equal(imageTag(image), tag, image);
  const pod = defaulted({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [
        { name: 'a', image: 'nginx:1.27' },
        { name: 'b', image: 'nginx:latest' },
        { name: 'c', image: 'x', imagePullPolicy: 'Never' },
      ],
    },
  });
  assert.deepEqual(
    (pod.spec as { containers: { imagePullPolicy: string }[] }).containers.map((c) => c.imagePullPolicy),
    ['IfNotPresent', 'Always', 'Never'],
  );
});

test('explicit zero values of optional fields are kept; zero values of value fields are defaulted', () => {
  const out = defaulted({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 0,
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'x:1', livenessProbe: { exec: { command: ['true'] }, timeoutSeconds: 0 } },
          ],
        },
      },
    },
  });
  const spec = out.spec as {
    replicas: number;
    template: { spec: { containers: { livenessProbe: { timeoutSeconds: number } }[] } };
  };
  assert.equal(spec.replicas, 0);
  assert.equal(spec.template.spec.containers[0]!.livenessProbe.timeoutSeconds, 1);
});

test('Pods also get enableServiceLinks and requests from limits; templates do not', () => {
  const pod = defaulted({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [
        {
          name: 'a',
          image: 'x:1',
          resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
        },
      ],
    },
  });
  const spec = pod.spec as { enableServiceLinks: boolean; containers: { resources: unknown }[] };
  assert.equal(spec.enableServiceLinks, true);
  assert.deepEqual(spec.containers[0]!.resources, {
    limits: { cpu: '1', memory: '1Gi' },
    requests: { cpu: '500m', memory: '1Gi' },
  });
  const deploy = defaulted({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { template: podTemplate },
  });
  assert.equal(
    (deploy.spec as { template: { spec: Record<string, unknown> } }).template.spec.enableServiceLinks,
    undefined,
  );
});

test('a Service gets its networking from the allocator hook and the rest from defaulting', () => {
  let next = 10;
  const allocateClusterIP = (): string => '10.96.0.' + String(next++);
  const svc = defaulted(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] },
    },
    { allocateClusterIP },
  );
  assert.deepEqual(svc.spec, {
    selector: { app: 'web' },
    ports: [
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { port: 443, targetPort: 'https', protocol: 'TCP' },
    ],
    sessionAffinity: 'None',
    type: 'ClusterIP',
    internalTrafficPolicy: 'Cluster',
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
  });
  assert.deepEqual(svc.status, { loadBalancer: {} });
  // Without the hook, allocation is left to the caller.
  const bare = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { ports: [{ port: 80 }] },
  });
  assert.equal((bare.spec as Record<string, unknown>).clusterIP, undefined);
});

test('Service variants: headless, NodePort, LoadBalancer, ExternalName, ClientIP affinity', () => {
  const headless = defaulted(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'h' }, spec: { clusterIP: 'None' } },
    { allocateClusterIP: () => 'x' },
  );
  assert.deepEqual((headless.spec as Record<string, unknown>).clusterIPs, ['None']);
  const nodePort = defaulted(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'n' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    },
    { allocateClusterIP: () => '10.0.0.1', allocateNodePort: () => 30080 },
  );
  const np = nodePort.spec as { externalTrafficPolicy: string; ports: { nodePort: number }[] };
  assert.equal(np.externalTrafficPolicy, 'Cluster');
  assert.equal(np.ports[0]!.nodePort, 30080);
  const lb = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'l' },
    spec: { type: 'LoadBalancer' },
  });
  assert.equal((lb.spec as Record<string, unknown>).allocateLoadBalancerNodePorts, true);
  const ext = defaulted(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'e' },
      spec: { type: 'ExternalName', externalName: 'a.b' },
    },
    { allocateClusterIP: () => 'x' },
  );
  assert.equal((ext.spec as Record<string, unknown>).clusterIP, undefined);
  assert.equal((ext.spec as Record<string, unknown>).internalTrafficPolicy, undefined);
  const sticky = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'c' },
    spec: { sessionAffinity: 'ClientIP' },
  });
  assert.deepEqual((sticky.spec as Record<string, unknown>).sessionAffinityConfig, {
    clientIP: { timeoutSeconds: 10800 },
  });
});

test('Namespace, Secret, PersistentVolumeClaim and ConfigMap', () => {
  const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'team' });
  // The `kubernetes` finalizer is the create strategy's, not a default: the namespace
  // controller removes it through /finalize, and defaulting that write must not bring it back.
  assert.deepEqual(ns.spec, {});
  assert.deepEqual(ns.status, { phase: 'Active' });
  assert.equal(defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }).type, 'Opaque');
  assert.equal(
    defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' }).type,
    'kubernetes.io/tls',
  );
  const pvc = defaulted({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c' },
    spec: { accessModes: ['ReadWriteOnce'] },
  });
  assert.deepEqual(pvc.spec, { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: {} });
  assert.deepEqual(pvc.status, { phase: 'Pending' });
  const cm = defaulted({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  assert.deepEqual(cm, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', creationTimestamp: null },
    data: { a: '1' },
  });
});

test('StatefulSet, DaemonSet, Job and CronJob', () => {
  const sts = defaulted({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 's' },
    spec: {
      template: podTemplate,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
  }).spec as Record<string, unknown>;
  assert.equal(sts.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(sts.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(sts.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(sts.replicas, 1);
  assert.equal(sts.revisionHistoryLimit, 10);
  assert.deepEqual((sts.volumeClaimTemplates as Record<string, unknown>[])[0], {
    metadata: { name: 'data', creationTimestamp: null },
    spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: {} },
    status: { phase: 'Pending' },
  });
  const ds = defaulted({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd' },
    spec: { template: podTemplate },
  }).spec as Record<string, unknown>;
  assert.deepEqual(ds.updateStrategy, {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
  });
  const job = defaulted({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: {
      template: {
        metadata: { labels: { app: 'j' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'x:1' }] },
      },
    },
  });
  const js = job.spec as Record<string, unknown>;
  assert.deepEqual(
    [
      js.completions,
      js.parallelism,
      js.backoffLimit,
      js.completionMode,
      js.suspend,
      js.podReplacementPolicy,
      js.manualSelector,
    ],
    [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', false],
  );
  assert.deepEqual(job.metadata.labels, { app: 'j' });
  const cron = defaulted({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: 'x:1' }] } } } },
    },
  }).spec as Record<string, unknown>;
  assert.deepEqual(
    [cron.concurrencyPolicy, cron.suspend, cron.successfulJobsHistoryLimit, cron.failedJobsHistoryLimit],
    ['Allow', false, 3, 1],
  );
  assert.equal((cron.jobTemplate as { spec: { backoffLimit: number } }).spec.backoffLimit, 6);
});

test('HPA, RBAC bindings, storage classes, webhooks, network policies, CRDs', () => {
  const hpa = defaulted({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'h' },
    spec: { maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
  }).spec as Record<string, unknown>;
  assert.equal(hpa.minReplicas, 1);
  assert.deepEqual(hpa.metrics, [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
  ]);
  assert.deepEqual(hpa.behavior, {
    scaleDown: {
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      stabilizationWindowSeconds: 60,
    },
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
  });
  const rb = defaulted({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'r' },
    roleRef: { kind: 'Role', name: 'x' },
    subjects: [
      { kind: 'ServiceAccount', name: 'a' },
      { kind: 'User', name: 'b' },
    ],
  });
  assert.equal((rb.roleRef as Record<string, unknown>).apiGroup, 'rbac.authorization.k8s.io');
  assert.deepEqual(
    (rb.subjects as Record<string, unknown>[]).map((s) => s.apiGroup),
    [undefined, 'rbac.authorization.k8s.io'],
  );
  const sc = defaulted({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 's' },
    provisioner: 'x',
  });
  assert.deepEqual([sc.reclaimPolicy, sc.volumeBindingMode], ['Delete', 'Immediate']);
  const vwc = defaulted({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'v' },
    webhooks: [
      {
        name: 'a.b.c',
        clientConfig: { service: { name: 's', namespace: 'n' } },
        rules: [{ operations: ['CREATE'] }],
      },
    ],
  });
  const hook = (vwc.webhooks as Record<string, unknown>[])[0]!;
  assert.deepEqual(
    [
      hook.failurePolicy,
      hook.matchPolicy,
      hook.timeoutSeconds,
      hook.namespaceSelector,
      hook.objectSelector,
      hook.reinvocationPolicy,
    ],
    ['Fail', 'Equivalent', 10, {}, {}, undefined],
  );
  assert.deepEqual((hook.rules as Record<string, unknown>[])[0]!.scope, '*');
  assert.equal((hook.clientConfig as { service: { port: number } }).service.port, 443);
  const np = defaulted({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'n' },
    spec: { egress: [{ ports: [{ port: 53 }] }] },
  });
  assert.deepEqual((np.spec as Record<string, unknown>).policyTypes, ['Ingress', 'Egress']);
  const crd = defaulted({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  });
  const names = (crd.spec as { names: Record<string, unknown> }).names;
  assert.deepEqual([names.singular, names.listKind], ['widget', 'WidgetList']);
  assert.deepEqual((crd.spec as Record<string, unknown>).conversion, { strategy: 'None' });
  assert.deepEqual((crd.status as Record<string, unknown>).storedVersions, ['v1']);
});

const fixtures: Record<string, unknown>[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: { template: podTemplate } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a' }, spec: { template: podTemplate } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'a' }, spec: { template: podTemplate } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'a' }, spec: { template: podTemplate } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'a' }, spec: { template: podTemplate } },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'a' },
    spec: { jobTemplate: { spec: { template: podTemplate } } },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: podTemplate.spec },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'a' },
    spec: { type: 'NodePort', ports: [{ port: 1 }] },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'a' },
    spec: { behavior: {} },
  },
];

test('defaulting is idempotent for every kind', () => {
  for (const f of fixtures) {
    const once = defaulted(f, { allocateClusterIP: () => '10.0.0.1', allocateNodePort: () => 30000 });
    const twice = defaulted(once, { allocateClusterIP: () => '10.0.0.2', allocateNodePort: () => 30001 });
    assert.deepEqual(twice, once, `${String(f.kind)}`);
  }
});

test('custom resources and unknown kinds are left alone', () => {
  const cr = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w' },
    spec: { replicas: null },
  };
  assert.deepEqual(defaulted(cr), cr);
});
