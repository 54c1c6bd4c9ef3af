import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnPath } from './return-path.ts';

test('after login only same-origin paths are followed', () => {
  assert.equal(safeReturnPath('/applications/argocd/web?tab=diff'), '/applications/argocd/web?tab=diff');
  assert.equal(safeReturnPath('//evil.example/x'), '/applications');
  assert.equal(safeReturnPath('/\\evil.example'), '/applications');
  assert.equal(safeReturnPath('https://evil.example'), '/applications');
  assert.equal(safeReturnPath('/login?return=/x'), '/applications');
  assert.equal(safeReturnPath(null), '/applications');
});
