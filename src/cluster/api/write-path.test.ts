import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { startCluster, type RunningCluster } from '../start.ts';
import type { ClusterApi } from './types.ts';

// The admission slots issue 4 fills, through the in-process API (what controllers use): every
// write is defaulted, checked against its schema, validated and tracked in managedFields.
let cluster: RunningCluster;
let api: ClusterApi;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capstan-write-'));
  cluster = await startCluster({ signal: new AbortController().signal, dataDir: dir, tls: false });
  api = cluster.api;
});
after(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };

async function namespace(name: string): Promise<string> {
  await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const deployment = (ns: string, spec: Record<string, unknown> = {}): KubeObject => ({
  ...DEPLOY,
  metadata: { name: 'web', namespace: ns },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    },
    ...spec,
  },
});

const entries = (o: KubeObject) =>
  (o.metadata.managedFields ?? []).map((e) => [e.manager, e.operation, e.subresource ?? ''].join('/'));

function apiError(code: number, message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.httpCode, code, err.message);
    assert.match(err.status.message ?? '', message);
    return true;
  };
}

test('writes of every kind are defaulted and tracked per manager, /status included', async () => {
  const ns = await namespace('tracked');
  const created = await api.create(deployment(ns), { fieldManager: 'ctl' });
  const spec = created.spec as {
    strategy: unknown;
    template: { spec: { containers: { imagePullPolicy?: string }[] } };
  };
  assert.deepEqual(spec.strategy, {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
  });
  assert.equal(spec.template.spec.containers[0]?.imagePullPolicy, 'IfNotPresent');
  assert.deepEqual(entries(created), ['ctl/Update/']);

  const status = await api.updateStatus({ ...created, status: { replicas: 1 } }, { fieldManager: 'kcm' });
  assert.deepEqual(entries(status), ['ctl/Update/', 'kcm/Update/status']);
  assert.deepEqual(status.metadata.managedFields?.[1]?.fieldsV1, { 'f:status': { 'f:replicas': {} } });

  const key = { namespace: ns, name: 'web' };
  const patched = await api.patch(
    DEPLOY,
    key,
    { spec: { replicas: 3 } },
    { type: 'strategic', fieldManager: 'smp' },
  );
  assert.deepEqual(entries(patched), ['ctl/Update/', 'kcm/Update/status', 'smp/Update/']);

  const applied = deployment(ns, { replicas: 2 });
  await assert.rejects(
    api.patch(DEPLOY, key, applied, { type: 'apply', fieldManager: 'gitops' }),
    apiError(409, /^Apply failed with 1 conflict: conflict with "smp" using apps\/v1: \.spec\.replicas$/),
  );
  const forced = await api.patch(DEPLOY, key, applied, {
    type: 'apply',
    fieldManager: 'gitops',
    force: true,
  });
  assert.equal((forced.spec as { replicas: number }).replicas, 2);
  assert.deepEqual(
    entries(forced),
    ['gitops/Apply/', 'ctl/Update/', 'kcm/Update/status'],
    'smp lost its only field',
  );
  const statusApplied = await api.patch(
    DEPLOY,
    key,
    {
      ...DEPLOY,
      metadata: { name: 'web', namespace: ns },
      status: { readyReplicas: 2 },
      spec: { replicas: 9 },
    },
    { type: 'apply', fieldManager: 'kubelet-sim', subresource: 'status' },
  );
  assert.deepEqual(
    [
      (statusApplied.status as { readyReplicas: number }).readyReplicas,
      (statusApplied.spec as { replicas: number }).replicas,
    ],
    [2, 2],
    'an apply to /status writes status only',
  );
  assert.ok(entries(statusApplied).includes('kubelet-sim/Apply/status'), entries(statusApplied).join());
  const rv = statusApplied.metadata.resourceVersion;
  const again = await api.patch(DEPLOY, key, applied, { type: 'apply', fieldManager: 'gitops' });
  assert.equal(again.metadata.resourceVersion, rv, 'the same apply again is a no-op');
  // A Secret's write-only stringData is stored as data, and re-applying it changes nothing.
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: ns },
    stringData: { a: 'x' },
  };
  const SECRET = { apiVersion: 'v1', kind: 'Secret' };
  const s1 = await api.patch(SECRET, { namespace: ns, name: 's' }, secret, {
    type: 'apply',
    fieldManager: 'gitops',
  });
  assert.deepEqual([s1['data'], s1['stringData'], s1['type']], [{ a: 'eA==' }, undefined, 'Opaque']);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a new second for managedFields
  const s2 = await api.patch(SECRET, { namespace: ns, name: 's' }, secret, {
    type: 'apply',
    fieldManager: 'gitops',
  });
  assert.equal(s2.metadata.resourceVersion, s1.metadata.resourceVersion);
});

test('validation refuses what a real server refuses: 422 with every cause, immutable fields', async () => {
  const ns = await namespace('validated');
  await assert.rejects(
    api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: ns },
      spec: { containers: [] },
    }),
    apiError(422, /^Pod "p" is invalid: spec\.containers: Required value$/),
  );
  const created = await api.create(deployment(ns));
  await assert.rejects(
    api.update({
      ...created,
      spec: { ...(created.spec as object), selector: { matchLabels: { app: 'x' } } },
    }),
    apiError(
      422,
      /^Deployment\.apps "web" is invalid: .*spec\.selector: Invalid value: \{"matchLabels":\{"app":"x"\}\}: field is immutable/,
    ),
  );
});

test('unknown fields of built-ins are dropped, and refused under Strict', async () => {
  const ns = await namespace('strict');
  const typo = deployment(ns, { replikas: 3 });
  await assert.rejects(
    api.create(typo, { fieldValidation: 'Strict' }),
    apiError(
      400,
      /^Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.replikas"$/,
    ),
  );
  const created = await api.create(typo);
  assert.equal((created.spec as Record<string, unknown>)['replikas'], undefined);
  await assert.rejects(
    api.patch(
      DEPLOY,
      { namespace: ns, name: 'web' },
      { spec: { paused: true, pasued: true } },
      { type: 'merge', fieldValidation: 'Strict' },
    ),
    apiError(400, /^strict decoding error: unknown field "spec\.pasued"$/),
  );
});

test('custom resources apply by their CRD schema, and a default inside an atomic list is no change', async () => {
  const ns = await namespace('crs');
  await api.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gates.write.example.com' },
    spec: {
      group: 'write.example.com',
      scope: 'Namespaced',
      names: { plural: 'gates', singular: 'gate', kind: 'Gate' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    ports: {
                      type: 'array',
                      'x-kubernetes-list-type': 'atomic',
                      items: {
                        type: 'object',
                        properties: { name: { type: 'string' }, port: { type: 'integer', default: 80 } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  });
  const GATE = { apiVersion: 'write.example.com/v1', kind: 'Gate' };
  const gate = { ...GATE, metadata: { name: 'g', namespace: ns }, spec: { ports: [{ name: 'http' }] } };
  const key = { namespace: ns, name: 'g' };
  const first = await api.patch(GATE, key, gate, { type: 'apply', fieldManager: 'gitops' });
  assert.deepEqual(first.spec, { ports: [{ name: 'http', port: 80 }] });
  assert.deepEqual(entries(first), ['gitops/Apply/']);
  // managedFields times have whole seconds: let one pass, so a spurious change would show.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const again = await api.patch(GATE, key, gate, { type: 'apply', fieldManager: 'gitops' });
  assert.equal(again.metadata.resourceVersion, first.metadata.resourceVersion);
  await assert.rejects(
    api.patch(GATE, key, { spec: { ports: [] } }, { type: 'strategic' }),
    apiError(
      415,
      /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml$/,
    ),
  );
});
