import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, parseYamlDocuments } from './parse.ts';
import { Timestamp } from './timestamp.ts';
import { YamlSyntaxError } from './errors.ts';

test('plain scalars are typed as go-yaml v3 types them (resources)', () => {
  const v = parseYaml(
    'a: yes\nb: on\nc: 0123\nd: "0123"\ne: 1e3\nf: 1_000\ng: 0o17\nh: 0x1F\ni: ~\nj: 089\nk: 0b101\nl: .5\n',
  ) as Record<string, unknown>;
  assert.deepEqual(v, {
    a: 'yes',
    b: 'on',
    c: 83,
    d: '0123',
    e: 1000,
    f: 1000,
    g: 15,
    h: 31,
    i: null,
    j: 89,
    k: 5,
    l: 0.5,
  });
});

test('the v2 dialect (kustomization files) reads YAML 1.1 booleans and lets a later duplicate win', () => {
  assert.deepEqual(parseYaml('a: yes\nb: off\nc: y\nd: 1\nd: 2\n', { dialect: 'v2' }), {
    a: true,
    b: false,
    c: true,
    d: 2,
  });
});

test('timestamps keep their text and print as RFC 3339', () => {
  const v = parseYaml(
    'a: 2001-12-14\nb: 2001-12-14 21:59:43.10\nc: 2001-12-14T21:59:43.10-05:00\n',
  ) as Record<string, Timestamp>;
  assert.ok(v.a instanceof Timestamp);
  assert.equal(v.a.text, '2001-12-14');
  assert.equal(v.a.rfc3339, '2001-12-14T00:00:00Z');
  assert.equal(v.b!.rfc3339, '2001-12-14T21:59:43.1Z');
  assert.equal(v.c!.rfc3339, '2001-12-14T21:59:43.1-05:00');
  assert.deepEqual(parseYaml('a: 2001-13-01\n'), { a: '2001-13-01' });
});

test('integers beyond 2^53 stay exact; beyond 64 bits they become floats', () => {
  const v = parseYaml('a: 12345678901234567890\nb: 123456789012345678901234\n') as Record<string, unknown>;
  assert.equal(v.a, 12345678901234567890n);
  assert.equal(typeof v.b, 'number');
});

test('aliases are copies, merge keys merge, explicit keys win', () => {
  const v = parseYaml('x: &a {k: 1, m: 2}\ny: *a\nz:\n  <<: *a\n  m: 3\n') as Record<
    string,
    Record<string, number>
  >;
  assert.deepEqual(v.z, { k: 1, m: 3 });
  v.y!.k = 9;
  assert.equal(v.x!.k, 1);
});

test('annotations of a resource are read as text, like map[string]string', () => {
  const v = parseYaml(
    'metadata:\n  annotations:\n    a: 0x1F\n    b: 1.0\n    c:\n  labels:\n    l: 0x1F\n',
  ) as { metadata: Record<string, Record<string, unknown>> };
  assert.deepEqual(v.metadata.annotations, { a: '0x1F', b: '1.0', c: '' });
  assert.deepEqual(v.metadata.labels, { l: 31 });
});

test('errors name the file and the line', () => {
  assert.throws(
    () => parseYamlDocuments('a: 1\nb: [\n', { file: 'apps/web.yaml' }),
    (err: unknown) => {
      assert.ok(err instanceof YamlSyntaxError);
      assert.equal(err.file, 'apps/web.yaml');
      assert.ok(err.line >= 2);
      assert.match(err.message, /^apps\/web\.yaml:\d+: /);
      return true;
    },
  );
  assert.throws(
    () => parseYaml('a: 1\nb: 2\na: 3\n', { file: 'f.yaml' }),
    /f\.yaml:3: mapping key "a" already defined at line 1/,
  );
  assert.throws(
    () => parseYaml('a: 1\nb: "x\u0001"\n', { file: 'f.yaml' }),
    /f\.yaml:2: control characters are not allowed/,
  );
});

test('multi-document streams keep empty documents as null', () => {
  assert.deepEqual(parseYamlDocuments('a: 1\n---\n---\nb: 2\n'), [{ a: 1 }, null, { b: 2 }]);
});
