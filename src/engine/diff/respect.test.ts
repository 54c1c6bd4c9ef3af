import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { JqEngine } from './jq.ts';
import { respectIgnoreDifferences } from './respect.ts';

const signal = AbortSignal.timeout(60_000);
const jq = new JqEngine();
after(() => jq.close());

const webhook = (caBundle: string | undefined, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingWebhookConfiguration',
  metadata: { name: 'injector' },
  webhooks: [
    {
      name: 'inject.example.com',
      clientConfig: caBundle === undefined ? { url: 'https://x' } : { url: 'https://x', caBundle },
      ...extra,
    },
  ],
});

test('ignored fields take the live value before apply; other fields stay as in Git', async () => {
  const rules = [
    {
      group: 'admissionregistration.k8s.io',
      kind: 'MutatingWebhookConfiguration',
      jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
    },
  ];
  const desired = webhook(undefined, { timeoutSeconds: 5 });
  const live = webhook('LS0tLS1CRUdJTg==', { timeoutSeconds: 10 });
  const out = await respectIgnoreDifferences(desired, live, rules, { signal, jq });
  assert.deepEqual(out, webhook('LS0tLS1CRUdJTg==', { timeoutSeconds: 5 }));
  assert.deepEqual(desired, webhook(undefined, { timeoutSeconds: 5 }), 'input is not mutated');
});

test('an ignored field Git sets but the cluster lacks is dropped; new objects apply as-is', async () => {
  const rules = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
  const desired: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w' },
    spec: { replicas: 2, paused: false },
  };
  const live: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w' },
    spec: { paused: true },
  };
  assert.deepEqual(
    (await respectIgnoreDifferences(desired, live, rules, { signal, jq: undefined }))['spec'],
    { paused: false },
  );
  assert.equal(await respectIgnoreDifferences(desired, undefined, rules, { signal, jq: undefined }), desired);
});

test('fields owned by a trusted manager keep their live value', async () => {
  const rules = [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller'] }];
  const desired: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w' },
    spec: { replicas: 2 },
  };
  const live: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'w',
      managedFields: [
        { manager: 'hpa-controller', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      ],
    },
    spec: { replicas: 9 },
  };
  assert.deepEqual(
    (await respectIgnoreDifferences(desired, live, rules, { signal, jq: undefined }))['spec'],
    { replicas: 9 },
  );
});
