import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet } from './field-set.ts';
import {
  comparePathElements,
  fieldElement as f,
  indexElement,
  keyElement,
  pathString,
  valueElement,
} from './path-element.ts';

test('key elements sort their fields by name and encode values as Go does', () => {
  assert.equal(
    keyElement([
      ['protocol', 'TCP'],
      ['containerPort', 80],
    ]),
    'k:{"containerPort":80,"protocol":"TCP"}',
  );
  assert.equal(valueElement('a&b<c>'), 'v:"a\\u0026b\\u003cc\\u003e"');
  assert.equal(valueElement('example.com/finalizer'), 'v:"example.com/finalizer"');
  assert.equal(indexElement(3), 'i:3');
});

test('path elements order as the server orders them', () => {
  const elements = [
    indexElement(0),
    valueElement('b'),
    valueElement(2),
    keyElement([['port', 8080]]),
    keyElement([['port', 443]]),
    keyElement([['name', 'z']]),
    f('zeta'),
    f('Alpha'),
    f('alpha'),
    valueElement('a'),
    valueElement(true),
  ];
  assert.deepEqual([...elements].sort(comparePathElements), [
    'f:Alpha',
    'f:alpha',
    'f:zeta',
    'k:{"name":"z"}',
    'k:{"port":443}',
    'k:{"port":8080}',
    'v:2',
    'v:"a"',
    'v:"b"',
    'v:true',
    'i:0',
  ]);
});

test('paths print as in conflict messages', () => {
  assert.equal(
    pathString([
      f('spec'),
      f('template'),
      f('spec'),
      f('containers'),
      keyElement([['name', 'web']]),
      f('image'),
    ]),
    '.spec.template.spec.containers[name="web"].image',
  );
  assert.equal(
    pathString([
      f('ports'),
      keyElement([
        ['containerPort', 80],
        ['protocol', 'TCP'],
      ]),
    ]),
    '.ports[containerPort=80,protocol="TCP"]',
  );
  assert.equal(
    pathString([f('metadata'), f('finalizers'), valueElement('a.io/x')]),
    '.metadata.finalizers[="a.io/x"]',
  );
});

// A managedFields entry shaped like a real server's, with members that also have children.
const realServerFields =
  '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},' +
  '"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{' +
  '"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},' +
  '"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}';

test('FieldsV1 round-trips byte for byte, `.` first and keys in server order', () => {
  const set = FieldSet.fromFieldsV1(JSON.parse(realServerFields));
  assert.equal(JSON.stringify(set.toFieldsV1()), realServerFields);
  assert.ok(set.has([f('metadata'), f('labels')]));
  assert.ok(!set.has([f('metadata')]));
  assert.ok(set.has([f('spec'), f('selector')]));
});

test('reading FieldsV1 canonicalises keys and skips unknown prefixes', () => {
  const set = FieldSet.fromFieldsV1({
    'f:spec': { 'f:ports': { 'k:{"protocol":"TCP","port":80}': {}, 'x:ignored': {} } },
  });
  assert.deepEqual(set.paths(), [[f('spec'), f('ports'), 'k:{"port":80,"protocol":"TCP"}']]);
  assert.throws(() => FieldSet.fromFieldsV1({ nocolon: {} }), /missing colon/);
});

test('members and children interleave in order when serialised', () => {
  const set = FieldSet.of([f('b')], [f('a'), f('x')], [f('c')], [f('a')]);
  assert.equal(JSON.stringify(set.toFieldsV1()), '{"f:a":{".":{},"f:x":{}},"f:b":{},"f:c":{}}');
});

test('set algebra: union, intersection, difference and recursive difference', () => {
  const a = FieldSet.of(
    [f('spec'), f('replicas')],
    [f('spec'), f('paused')],
    [f('metadata'), f('labels'), f('app')],
  );
  const b = FieldSet.of([f('spec'), f('replicas')], [f('status')]);
  assert.deepEqual(a.intersection(b).paths(), [[f('spec'), f('replicas')]]);
  assert.equal(a.union(b).size(), 4);
  assert.deepEqual(a.difference(b).paths(), [
    [f('metadata'), f('labels'), f('app')],
    [f('spec'), f('paused')],
  ]);
  // Difference is exact: a member `spec` does not remove paths below it; recursive difference does.
  const spec = FieldSet.of([f('spec')]);
  assert.equal(a.difference(spec).size(), 3);
  assert.deepEqual(a.recursiveDifference(spec).paths(), [[f('metadata'), f('labels'), f('app')]]);
  assert.ok(a.intersection(FieldSet.of([f('nothing')])).isEmpty());
  assert.ok(a.equals(a.copy()));
  assert.ok(!a.equals(b));
});
