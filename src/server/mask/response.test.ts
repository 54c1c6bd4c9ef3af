import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskResponse } from './response.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    namespace: 'shop',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        data: { password: b64('hunter2') },
      }),
      team: 'core',
    },
  },
  data: { password: b64('hunter2') },
  stringData: { token: 'abc' },
};

test('Secrets anywhere in a body are masked and lose last-applied; nothing else changes', () => {
  const body = {
    items: [
      { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { a: b64('hunter2') } },
      secret,
    ],
  };
  const out = maskResponse(body) as typeof body;
  const text = JSON.stringify(out);
  assert.equal(text.split(b64('hunter2')).length - 1, 1, 'only the ConfigMap still holds the value');
  assert.deepEqual(out.items[1], {
    ...secret,
    metadata: { ...secret.metadata, annotations: { team: 'core' } },
    data: { password: '++++++++' },
    stringData: { token: '++++++++' },
  });
  assert.equal(out.items[0], body.items[0], 'untouched objects are the same references');
  assert.equal(secret.data.password, b64('hunter2'), 'the input is not modified');
});

test('a body without Secrets is returned as the same object', () => {
  const body = { items: [{ kind: 'Application', metadata: { name: 'web' }, spec: { project: 'default' } }] };
  assert.equal(maskResponse(body), body);
});

test('Secrets inside JSON strings (managed-resources states) are masked', () => {
  const body = { items: [{ kind: 'Secret', liveState: JSON.stringify(secret), targetState: 'null' }] };
  const out = maskResponse(body) as typeof body;
  const live = JSON.parse(out.items[0]!.liveState) as typeof secret;
  assert.deepEqual(live.data, { password: '++++++++' });
  assert.equal(out.items[0]!.targetState, 'null');
});

test('already masked Secrets keep their masks (diff pairs stay distinguishable)', () => {
  const masked = {
    ...secret,
    metadata: { name: 'db' },
    data: { password: '++++++++++++' },
    stringData: undefined,
  };
  delete (masked as Record<string, unknown>)['stringData'];
  const out = maskResponse({ live: masked }) as { live: typeof masked };
  assert.deepEqual(out.live.data, { password: '++++++++++++' });
});
