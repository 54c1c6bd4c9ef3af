import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRows } from './diff-rows.ts';

test('a changed line sits next to its replacement with both line numbers', () => {
  const rows = diffRows('a: 1\nreplicas: 2\nb: 3\n', 'a: 1\nreplicas: 5\nb: 3\n');
  assert.deepEqual(rows[1], {
    type: 'changed',
    left: { no: 2, text: 'replicas: 2' },
    right: { no: 2, text: 'replicas: 5' },
  });
  assert.equal(rows[0]?.type, 'same');
  assert.equal(rows[2]?.type, 'same');
});

test('added lines have no left side, and far unchanged lines fold', () => {
  const same = Array.from({ length: 20 }, (_, i) => `k${i}: v`).join('\n');
  const rows = diffRows(`${same}\n`, `${same}\nextra: yes\n`, 2);
  assert.deepEqual(rows[0], { type: 'fold', count: 18 });
  const last = rows[rows.length - 1];
  assert.deepEqual(last, { type: 'changed', left: undefined, right: { no: 21, text: 'extra: yes' } });
});

test('identical texts fold entirely', () => {
  assert.deepEqual(diffRows('a\nb\n', 'a\nb\n', 0), [{ type: 'fold', count: 2 }]);
});
