import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch, createMergePatch } from './merge-patch.ts';

// RFC 7386 appendix A, as [target, patch, result].
const rfc: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

rfc.forEach(([target, patch, want], i) => {
  test(`merge patch: RFC 7386 example ${i + 1}`, () => {
    const before = structuredClone(target);
    assert.deepEqual(applyMergePatch(target, patch), want);
    assert.deepEqual(target, before, 'the input document is not changed');
  });
});

test('merge patch scales a deployment the way kubectl scale does', () => {
  const deploy = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'web' }] } } } };
  assert.deepEqual(applyMergePatch(deploy, { spec: { replicas: 5 } }), {
    spec: { replicas: 5, template: { spec: { containers: [{ name: 'web' }] } } },
  });
});

const pairs: [string, unknown, unknown, unknown][] = [
  ['no change', { a: 1, b: { c: [1] } }, { a: 1, b: { c: [1] } }, {}],
  ['a changed scalar', { a: 1 }, { a: 2 }, { a: 2 }],
  ['a removed key', { a: 1, b: 2 }, { a: 1 }, { b: null }],
  [
    'a nested change',
    { m: { labels: { x: '1', y: '2' } } },
    { m: { labels: { x: '1', z: '3' } } },
    { m: { labels: { y: null, z: '3' } } },
  ],
  ['a changed array is sent whole', { l: [1, 2] }, { l: [1, 3] }, { l: [1, 3] }],
  ['an object replaced by a scalar', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
  ['a non-object document', [1], [2], [2]],
];

for (const [name, original, modified, want] of pairs) {
  test(`createMergePatch: ${name}`, () => {
    const patch = createMergePatch(original, modified);
    assert.deepEqual(patch, want);
    assert.deepEqual(applyMergePatch(original, patch), modified, 'the patch turns original into modified');
  });
}
