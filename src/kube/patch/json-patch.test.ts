import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch } from './json-patch.ts';
import { PatchError } from './error.ts';

// The examples of RFC 6902 appendix A, plus the cases kubectl and the CSA→SSA upgrade send.
const ok: [string, unknown, unknown[], unknown][] = [
  [
    'add an object member',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux' }],
    { foo: 'bar', baz: 'qux' },
  ],
  [
    'add an array element',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/1', value: 'qux' }],
    { foo: ['bar', 'qux', 'baz'] },
  ],
  ['remove an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  [
    'remove an array element',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'remove', path: '/foo/1' }],
    { foo: ['bar', 'baz'] },
  ],
  [
    'replace a value',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 'boo' }],
    { baz: 'boo', foo: 'bar' },
  ],
  [
    'move a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'move an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'test then add',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  [
    'add a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  [
    'add to a nonexistent target array end',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
  [
    'escape ~1 and ~0 in paths',
    { 'a/b': 1, 'm~n': 2 },
    [
      { op: 'replace', path: '/a~1b', value: 3 },
      { op: 'remove', path: '/m~0n' },
    ],
    { 'a/b': 3 },
  ],
  [
    'copy a subtree',
    { a: { b: [1] } },
    [{ op: 'copy', from: '/a', path: '/c' }],
    { a: { b: [1] }, c: { b: [1] } },
  ],
  ['replace the whole document', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
  [
    'test compares objects regardless of key order',
    { a: { x: 1, y: 2 } },
    [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }],
    { a: { x: 1, y: 2 } },
  ],
  [
    'replace managedFields and resourceVersion (kubectl csaupgrade)',
    { metadata: { resourceVersion: '5', managedFields: [{ manager: 'kubectl-client-side-apply' }] } },
    [
      { op: 'replace', path: '/metadata/managedFields', value: [{ manager: 'kubectl' }] },
      { op: 'replace', path: '/metadata/resourceVersion', value: '5' },
    ],
    { metadata: { resourceVersion: '5', managedFields: [{ manager: 'kubectl' }] } },
  ],
];

for (const [name, doc, ops, want] of ok) {
  test(`json patch: ${name}`, () => {
    const before = structuredClone(doc);
    assert.deepEqual(applyJsonPatch(doc, ops), want);
    assert.deepEqual(doc, before, 'the input document is not changed');
  });
}

const bad: [string, unknown, unknown, 'PATCH_MALFORMED' | 'PATCH_FAILED', RegExp][] = [
  [
    'a failing test',
    { baz: 'qux' },
    [{ op: 'test', path: '/baz', value: 'bar' }],
    'PATCH_FAILED',
    /test failed: \/baz is "qux", not "bar"/,
  ],
  [
    'adding under a missing parent',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    'PATCH_FAILED',
    /parent of \/baz\/bat does not exist/,
  ],
  [
    'removing a missing key',
    { a: 1 },
    [{ op: 'remove', path: '/b' }],
    'PATCH_FAILED',
    /remove: \/b does not exist/,
  ],
  [
    'replacing a missing key',
    { a: 1 },
    [{ op: 'replace', path: '/b', value: 1 }],
    'PATCH_FAILED',
    /replace: \/b does not exist/,
  ],
  [
    'an index past the end',
    { a: [1] },
    [{ op: 'add', path: '/a/5', value: 1 }],
    'PATCH_FAILED',
    /index 5 is out of bounds/,
  ],
  [
    'a non-numeric index',
    { a: [1] },
    [{ op: 'remove', path: '/a/x' }],
    'PATCH_FAILED',
    /"x" is not an array index/,
  ],
  [
    'moving into a child of itself',
    { a: { b: {} } },
    [{ op: 'move', from: '/a', path: '/a/b/c' }],
    'PATCH_FAILED',
    /own child/,
  ],
  ['an unknown op', {}, [{ op: 'frob', path: '/a' }], 'PATCH_MALFORMED', /unknown op "frob"/],
  ['a patch that is not an array', {}, { op: 'add' }, 'PATCH_MALFORMED', /must be a JSON array/],
  [
    'a path without a slash',
    {},
    [{ op: 'add', path: 'a', value: 1 }],
    'PATCH_MALFORMED',
    /must start with "\/"/,
  ],
  ['add without a value', {}, [{ op: 'add', path: '/a' }], 'PATCH_MALFORMED', /add needs a "value"/],
  ['a bad escape', {}, [{ op: 'add', path: '/a~2', value: 1 }], 'PATCH_MALFORMED', /bad "~" escape/],
];

for (const [name, doc, ops, code, message] of bad) {
  test(`json patch rejects ${name}`, () => {
    assert.throws(
      () => applyJsonPatch(doc, ops),
      (err: unknown) => err instanceof PatchError && err.code === code && message.test(err.message),
    );
  });
}

test('a failed operation leaves no partial result behind', () => {
  const doc = { a: 1 };
  assert.throws(() =>
    applyJsonPatch(doc, [
      { op: 'add', path: '/b', value: 2 },
      { op: 'test', path: '/a', value: 9 },
    ]),
  );
  assert.deepEqual(doc, { a: 1 });
});
