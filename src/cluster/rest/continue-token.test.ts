import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';

test('a continue token carries the list resourceVersion and where to resume', () => {
  const token = encodeContinue(42, 'default/web');
  assert.match(token, /^[A-Za-z0-9_-]+$/, 'URL-safe without padding');
  const json = JSON.parse(Buffer.from(token, 'base64url').toString()) as Record<string, unknown>;
  assert.deepEqual(json, { v: 'meta.k8s.io/v1', rv: 42, start: 'default/web\u0000' });
  assert.deepEqual(decodeContinue(token), { rv: 42, start: 'default/web\u0000' });
});

for (const [name, token] of [
  ['garbage', '%%%'],
  ['not JSON', Buffer.from('hello').toString('base64url')],
  ['another version', Buffer.from(JSON.stringify({ v: 'x', rv: 1, start: 'a' })).toString('base64url')],
  [
    'no resourceVersion',
    Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', start: 'a' })).toString('base64url'),
  ],
  [
    'no start key',
    Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 3, start: '' })).toString('base64url'),
  ],
] as const) {
  test(`a ${name} continue token is a 400`, () => {
    assert.throws(
      () => decodeContinue(token),
      (err: unknown) =>
        err instanceof ApiError && err.httpCode === 400 && /continue key is not valid/.test(err.message),
    );
  });
}
