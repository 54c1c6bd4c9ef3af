import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { maskSecretData } from '../../kube/index.ts';
import { compareObject } from './compare.ts';
import { renderDiff } from './render.ts';

const secret = (data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  type: 'Opaque',
  data,
  ...extra,
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('a changed Secret value shows as a change of mask, never as the value', () => {
  const desired = secret({ password: b64('new-pass'), user: b64('admin') });
  const live = secret({ password: b64('old-pass'), user: b64('admin') });
  const text = renderDiff(desired, live);
  assert.ok(
    !text.includes(b64('new-pass')) && !text.includes(b64('old-pass')) && !text.includes(b64('admin')),
  );
  // As Argo CD: the desired value gets the first mask, the live one the next.
  assert.match(text, /^- {2}password: \+{12}$/m);
  assert.match(text, /^\+ {2}password: \+{8}$/m);
  assert.doesNotMatch(text, /^[-+] {2}user:/m);
});

test('equal values get equal masks, stringData counts as data, last-applied is masked too', () => {
  const desired = secret({}, { stringData: { token: 's3cr3t' } });
  delete desired['data'];
  const live = secret({ token: b64('s3cr3t') }, {});
  live.metadata.annotations = {
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(secret({ token: b64('older') })),
  };
  // The diff masks with kube's masking (the one the server's responses use too).
  const [maskedDesired, maskedLive] = maskSecretData([desired, live]);
  assert.deepEqual(maskedDesired?.['stringData'], { token: '++++++++' });
  assert.deepEqual(maskedLive?.['data'], { token: '++++++++' });
  const applied =
    maskedLive?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
  assert.ok(!applied.includes(b64('older')));
  assert.match(applied, /"token":"\+{12}"/);
  assert.equal(renderDiff(desired, secret({ token: b64('s3cr3t') })), '');
});

test('other kinds are not masked', () => {
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
  assert.equal(maskSecretData([cm, undefined])[0], cm);
});

test('comparison results carry masked Secrets, and their diff still shows the change', async () => {
  const desired = secret({ password: b64('new-pass') });
  const live = secret({ password: b64('old-pass') });
  const r = await compareObject(
    { desired, live, predictedLive: desired },
    { signal: AbortSignal.timeout(10_000) },
  );
  assert.equal(r.status, 'OutOfSync');
  const all = JSON.stringify([r.normalizedDesired, r.normalizedLive]);
  assert.ok(!all.includes(b64('new-pass')) && !all.includes(b64('old-pass')), all);
  assert.match(renderDiff(r.normalizedDesired, r.normalizedLive), /^\+ {2}password: \+{8}$/m);
  const missing = await compareObject({ desired, live: undefined }, { signal: AbortSignal.timeout(10_000) });
  assert.ok(!JSON.stringify(missing).includes(b64('new-pass')));
});
