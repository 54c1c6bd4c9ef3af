import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { isMaskedSecret, maskSecretData } from './mask.ts';
import { LAST_APPLIED_ANNOTATION } from '../ssa/last-applied.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (fields: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  ...fields,
});

test('one Secret: every value becomes ++++++++ and the original is untouched', () => {
  const s = secret({ data: { user: b64('admin'), password: b64('hunter2') }, stringData: { token: 'abc' } });
  const [m] = maskSecretData([s]);
  assert.deepEqual(m?.['data'], { user: '++++++++', password: '++++++++' });
  assert.deepEqual(m?.['stringData'], { token: '++++++++' });
  assert.equal((s['data'] as Record<string, string>)['user'], b64('admin'));
  assert.ok(m && isMaskedSecret(m));
  assert.ok(!isMaskedSecret(s));
});

test('two versions: a changed key gets a longer mask, an unchanged key the same one', () => {
  const [a, b] = maskSecretData([
    secret({ data: { user: b64('admin'), password: b64('old') } }),
    secret({ data: { user: b64('admin'), password: b64('new') } }),
  ]);
  assert.deepEqual(a?.['data'], { user: '++++++++', password: '++++++++' });
  assert.deepEqual(b?.['data'], { user: '++++++++', password: '++++++++++++' });
});

test('stringData masks like the same value under data; last-applied is masked in the set', () => {
  const live = secret(
    { data: { token: b64('s3cr3t') } },
    { [LAST_APPLIED_ANNOTATION]: JSON.stringify(secret({ stringData: { token: 'older' } })) },
  );
  const [d, l] = maskSecretData([secret({ stringData: { token: 's3cr3t' } }), live]);
  assert.deepEqual(d?.['stringData'], { token: '++++++++' });
  assert.deepEqual(l?.['data'], { token: '++++++++' });
  const applied = l?.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '';
  assert.ok(!applied.includes('older'));
  assert.match(applied, /"token":"\+{12}"/);
});

test('other kinds and undefined pass through unchanged', () => {
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
  const foreign = { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: 'b' } };
  const out = maskSecretData([cm, undefined, foreign]);
  assert.equal(out[0], cm);
  assert.equal(out[1], undefined);
  assert.equal(out[2], foreign);
});
