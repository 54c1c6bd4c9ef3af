import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { compareObject } from './compare.ts';
import { JqEngine } from './jq.ts';
import { renderDiff } from './render.ts';

const signal = AbortSignal.timeout(60_000);
const jq = new JqEngine();
after(() => jq.close());

function deployment(replicas: number, image = 'web:1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          initContainers: [{ name: 'istio-init', image: 'proxy:1' }],
          containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }],
        },
      },
    },
  };
}

/** What the API server stores for `deployment(...)`: defaults, server metadata, status. */
function stored(desired: KubeObject, edit?: (o: KubeObject) => void): KubeObject {
  const o = structuredClone(desired);
  o.metadata = {
    ...o.metadata,
    uid: '7d1c',
    resourceVersion: '481',
    generation: 2,
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: {
      'deployment.kubernetes.io/revision': '2',
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(desired),
    },
    managedFields: [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        fieldsV1: { 'f:spec': { 'f:template': {} } },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
    ],
  };
  const spec = o['spec'] as Record<string, unknown>;
  Object.assign(spec, { revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
  const pod = (spec['template'] as { spec: Record<string, unknown> }).spec;
  Object.assign(pod, {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
  });
  for (const c of pod['containers'] as Record<string, unknown>[]) {
    Object.assign(c, { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
    for (const p of c['ports'] as Record<string, unknown>[]) p['protocol'] = 'TCP';
  }
  o['status'] = { replicas: 3, readyReplicas: 3, observedGeneration: 2 };
  edit?.(o);
  return o;
}

test('an unchanged object is Synced despite server defaults, metadata and status (legacy diff)', async () => {
  const desired = deployment(3);
  const r = await compareObject({ desired, live: stored(desired) }, { signal });
  assert.equal(r.status, 'Synced');
  assert.equal(r.reason, 'Unchanged');
  assert.equal(renderDiff(r.normalizedDesired, r.normalizedLive), '');
});

test('a kubectl edit shows as OutOfSync with a readable diff', async () => {
  const desired = deployment(3);
  const live = stored(desired, (o) => ((o['spec'] as Record<string, unknown>)['replicas'] = 5));
  const r = await compareObject({ desired, live }, { signal });
  assert.equal(r.status, 'OutOfSync');
  assert.equal(r.reason, 'Modified');
  const text = renderDiff(r.normalizedDesired, r.normalizedLive);
  assert.match(text, /^--- Deployment\/shop\/web \(live\)/m);
  assert.match(text, /^- {2}replicas: 5$/m);
  assert.match(text, /^\+ {2}replicas: 3$/m);
});

test('a field removed from Git but set by the last apply is drift; one set by the cluster is not', async () => {
  const before = deployment(3);
  const live = stored(before);
  const after = structuredClone(before);
  delete (after.metadata.labels as Record<string, string>)['app'];
  assert.equal((await compareObject({ desired: after, live }, { signal })).status, 'OutOfSync');
  // The revision annotation was never in Git: not drift.
  assert.equal((await compareObject({ desired: before, live }, { signal })).status, 'Synced');
});

test('server-side diff compares the dry-run result, not a local prediction', async () => {
  const desired = deployment(3);
  const live = stored(desired);
  const sameAsLive = stored(desired);
  assert.equal(
    (await compareObject({ desired, live, predictedLive: sameAsLive }, { signal })).status,
    'Synced',
  );
  const webhookMutated = stored(
    desired,
    (o) => ((o.metadata.labels as Record<string, string>)['injected'] = 'yes'),
  );
  assert.equal(
    (await compareObject({ desired, live, predictedLive: webhookMutated }, { signal })).status,
    'OutOfSync',
  );
});

test('Missing, RequiresPruning and Extraneous', async () => {
  const desired = deployment(3);
  assert.deepEqual(
    (({ status, reason, subject }) => ({ status, reason, subject }))(
      await compareObject({ desired, live: undefined }, { signal }),
    ),
    { status: 'OutOfSync', reason: 'Missing', subject: 'Deployment/shop/web' },
  );
  const orphan = stored(desired);
  assert.equal(
    (await compareObject({ desired: undefined, live: orphan }, { signal })).reason,
    'RequiresPruning',
  );
  orphan.metadata.annotations = { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' };
  const r = await compareObject({ desired: undefined, live: orphan }, { signal });
  assert.deepEqual([r.status, r.reason], ['Synced', 'Extraneous']);
});

const hpaScaled = (desired: KubeObject) =>
  stored(desired, (o) => {
    (o['spec'] as Record<string, unknown>)['replicas'] = 7;
    (
      (o['spec'] as { template: { spec: { initContainers: unknown[] } } }).template.spec
        .initContainers[0] as Record<string, unknown>
    )['image'] = 'proxy:2';
  });

test('ignoreDifferences: jsonPointers', async () => {
  const desired = deployment(3);
  const live = stored(desired, (o) => ((o['spec'] as Record<string, unknown>)['replicas'] = 7));
  const ignore = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
  assert.equal(
    (await compareObject({ desired, live }, { signal, ignoreDifferences: ignore })).status,
    'Synced',
  );
  const otherName = [{ group: 'apps', kind: 'Deployment', name: 'api', jsonPointers: ['/spec/replicas'] }];
  assert.equal(
    (await compareObject({ desired, live }, { signal, ignoreDifferences: otherName })).status,
    'OutOfSync',
  );
  const wildcard = [{ group: '*', kind: '*', jsonPointers: ['/spec/replicas'] }];
  assert.equal(
    (await compareObject({ desired, live }, { signal, ignoreDifferences: wildcard })).status,
    'Synced',
  );
});

test('ignoreDifferences: jqPathExpressions run by real jq', async () => {
  const desired = deployment(3);
  const live = hpaScaled(desired);
  const ignore = [
    {
      group: 'apps',
      kind: 'Deployment',
      jsonPointers: ['/spec/replicas'],
      jqPathExpressions: ['.spec.template.spec.initContainers[] | select(.name == "istio-init")'],
    },
  ];
  assert.equal(
    (await compareObject({ desired, live }, { signal, jq, ignoreDifferences: ignore })).status,
    'Synced',
  );
  const errors: string[] = [];
  const broken = [{ kind: 'Deployment', group: 'apps', jqPathExpressions: ['.spec['] }];
  const r = await compareObject(
    { desired, live },
    { signal, jq, ignoreDifferences: broken, onIgnoreError: (m) => errors.push(m) },
  );
  assert.equal(r.status, 'OutOfSync');
  assert.match(errors[0] ?? '', /^Deployment\/shop\/web: jq "\.spec\[": jq: error/);
});

test('ignoreDifferences: managedFieldsManagers ignore what another manager changed', async () => {
  const desired = deployment(3);
  const live = stored(desired, (o) => ((o['spec'] as Record<string, unknown>)['replicas'] = 7));
  const byController = [
    { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['kube-controller-manager'] },
  ];
  assert.equal(
    (await compareObject({ desired, live }, { signal, ignoreDifferences: byController })).status,
    'Synced',
  );
  const byOther = [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['some-operator'] }];
  assert.equal(
    (await compareObject({ desired, live }, { signal, ignoreDifferences: byOther })).status,
    'OutOfSync',
  );
});

test('legacy diff merges lists by the schema’s merge keys, as kubectl apply would', async () => {
  // hostAliases merge by `ip`: an entry the cluster added survives the apply, so it is no drift.
  const desired = deployment(3);
  const podSpec = (o: KubeObject) =>
    (o['spec'] as { template: { spec: Record<string, unknown> } }).template.spec;
  podSpec(desired)['hostAliases'] = [{ ip: '10.0.0.1', hostnames: ['db'] }];
  const live = stored(desired, (o) => {
    podSpec(o)['hostAliases'] = [
      { ip: '10.0.0.1', hostnames: ['db'] },
      { ip: '10.0.0.2', hostnames: ['cache'] },
    ];
  });
  assert.equal((await compareObject({ desired, live }, { signal })).status, 'Synced');
  // Removed from Git after the last apply: kubectl apply deletes the item, so it is drift.
  const removed = structuredClone(desired);
  podSpec(removed)['hostAliases'] = [];
  assert.equal((await compareObject({ desired: removed, live }, { signal })).status, 'OutOfSync');
});

test('legacy diff of a custom resource uses a JSON merge patch: lists are replaced whole', async () => {
  const desired: KubeObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'shop' },
    spec: { sizes: ['s'], color: 'red', legacy: true },
  };
  const last = structuredClone(desired);
  const live = (spec: Record<string, unknown>): KubeObject => ({
    ...structuredClone(desired),
    metadata: {
      ...desired.metadata,
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(last) },
    },
    spec,
  });
  // A field the cluster added stays; a list item it added is drift (the list is replaced).
  assert.equal(
    (
      await compareObject(
        { desired, live: live({ sizes: ['s'], color: 'red', legacy: true, extra: 1 }) },
        { signal },
      )
    ).status,
    'Synced',
  );
  assert.equal(
    (
      await compareObject(
        { desired, live: live({ sizes: ['s', 'm'], color: 'red', legacy: true }) },
        { signal },
      )
    ).status,
    'OutOfSync',
  );
  // Dropped from Git since the last apply: drift.
  const dropped = structuredClone(desired);
  delete (dropped['spec'] as Record<string, unknown>)['legacy'];
  assert.equal(
    (
      await compareObject(
        { desired: dropped, live: live({ sizes: ['s'], color: 'red', legacy: true }) },
        { signal },
      )
    ).status,
    'OutOfSync',
  );
});
