import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySchema } from './schema.ts';
import type { JsonSchema } from './schema-types.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^[0-9*/ ]+$' },
        image: { type: 'string', default: 'busybox' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        color: { type: 'string', enum: ['red', 'blue'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3, uniqueItems: true },
        extra: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'integer', default: 7 } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        note: { type: 'string', nullable: true },
        when: { type: 'string', format: 'date-time' },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object' } },
        },
        nested: {
          type: 'object',
          properties: { deep: { type: 'object', properties: { leaf: { type: 'string', default: 'x' } } } },
        },
      },
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};

function run(object: Record<string, unknown>) {
  const copy = structuredClone(object);
  const result = applySchema(copy, schema);
  return { object: copy, ...result, messages: result.errors.map((e) => `${e.field}: ${e.message}`) };
}

const base = { apiVersion: 'x/v1', kind: 'CronTab', metadata: { name: 'n', labels: { a: 'b' } } };

test("unknown fields are pruned and reported; metadata, apiVersion and kind are the server's", () => {
  const r = run({ ...base, spec: { cronSpec: '* *', bogus: 1, nested: { deep: { junk: true } } }, top: 1 });
  assert.deepEqual(r.unknownFields.sort(), ['spec.bogus', 'spec.nested.deep.junk', 'top']);
  assert.equal('top' in r.object, false);
  assert.deepEqual(r.object['metadata'], base.metadata);
  assert.deepEqual(r.errors, []);
});

test('preserve-unknown-fields keeps what the schema does not declare, but still defaults what it does', () => {
  const r = run({ ...base, spec: { cronSpec: '*', extra: { anything: { goes: [1] } } } });
  assert.deepEqual((r.object['spec'] as Record<string, unknown>)['extra'], {
    anything: { goes: [1] },
    known: 7,
  });
  assert.deepEqual(r.unknownFields, []);
});

test('defaults fill missing fields, at every depth where the parent exists', () => {
  const r = run({ ...base, spec: { cronSpec: '*', nested: { deep: {} } } });
  const spec = r.object['spec'] as Record<string, unknown>;
  assert.equal(spec['image'], 'busybox');
  assert.equal(spec['replicas'], 1);
  assert.deepEqual(spec['nested'], { deep: { leaf: 'x' } });
  assert.equal('note' in spec, false, 'no default, no field');
});

test('nulls the schema does not allow are dropped (then defaulted); nullable ones stay', () => {
  const r = run({ ...base, spec: { cronSpec: '*', image: null, note: null } });
  const spec = r.object['spec'] as Record<string, unknown>;
  assert.equal(spec['image'], 'busybox');
  assert.equal(spec['note'], null);
  assert.deepEqual(r.errors, []);
});

test("violations are reported per field, in kube-apiserver's words", () => {
  const r = run({
    ...base,
    spec: {
      replicas: 20,
      color: 'pink',
      cronSpec: 'abc',
      port: 1.5,
      tags: ['a', 'a', 'toolong'],
      labels: { x: 1 },
      when: 'yesterday',
    },
    status: { ready: 'yes' },
  });
  assert.deepEqual(r.messages.sort(), [
    'spec.color: Unsupported value: "pink": supported values: "red", "blue"',
    'spec.cronSpec: Invalid value: "abc": spec.cronSpec in body should match \'^[0-9*/ ]+$\'',
    'spec.labels.x: Invalid value: 1: spec.labels.x in body must be of type string: "integer"',
    'spec.port: Invalid value: 1.5: spec.port in body must be of type integer or string: "number"',
    'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    'spec.tags: Duplicate value: "a"',
    'spec.tags[2]: Too long: may not be longer than 5',
    'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
    'status.ready: Invalid value: "yes": status.ready in body must be of type boolean: "string"',
  ]);
});

test('required fields and types of whole objects', () => {
  assert.deepEqual(run({ ...base, spec: {} }).messages, ['spec.cronSpec: Required value']);
  assert.deepEqual(run({ ...base, spec: 'x' }).messages, [
    'spec: Invalid value: "x": spec in body must be of type object: "string"',
  ]);
  assert.deepEqual(run({ ...base, spec: { cronSpec: '*', port: 'http' } }).messages, []);
});

test('embedded resources keep their apiVersion, kind and metadata', () => {
  const r = run({
    ...base,
    spec: {
      cronSpec: '*',
      template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {}, junk: 1 },
    },
  });
  assert.deepEqual((r.object['spec'] as Record<string, unknown>)['template'], {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {},
  });
  assert.deepEqual(r.unknownFields, ['spec.template.junk']);
});

test('combinators: anyOf, oneOf, not', () => {
  const s: JsonSchema = {
    type: 'object',
    properties: { v: { type: 'integer', anyOf: [{ minimum: 10 }, { maximum: 0 }], not: { enum: [-5] } } },
  };
  const check = (v: number) => applySchema({ v }, s).errors.map((e) => e.message);
  assert.deepEqual(check(12), []);
  assert.match(check(5)[0] ?? '', /must validate at least one schema \(anyOf\)/);
  assert.match(check(-5)[0] ?? '', /should not validate the schema \(not\)/);
  const one: JsonSchema = {
    type: 'object',
    properties: { v: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
  };
  assert.deepEqual(applySchema({ v: 'a' }, one).errors, []);
  assert.equal(applySchema({ v: true }, one).errors.length, 1);
});
