import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor, schemaForCustomResource } from '../schema/lookup.ts';
import { enforceFieldValidation, parseFieldValidation, StrictDecodingError } from './field-validation.ts';
import {
  BodyDecodeError,
  decodeJsonStrict,
  decodeYamlStrict,
  findUnknownFields,
  pruneUnknownFields,
} from './strict-decode.ts';

const schema = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' });

const body = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web", "labels": {"app": "web", "app": "web2"}},
  "spec": {
    "unknownField": {"nested": 1, "nested": 2},
    "replicas": 2,
    "replicas": 3,
    "template": {"spec": {"containers": [{"name": "a", "image": "x", "imagePullPolice": "Always"}]}}
  }
}`;

test('JSON bodies: duplicate and unknown fields in document order, last duplicate wins', () => {
  const { value, problems } = decodeJsonStrict(body, schema);
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'duplicate field "metadata.labels.app"',
      'unknown field "spec.unknownField"',
      'duplicate field "spec.replicas"',
      'unknown field "spec.template.spec.containers[0].imagePullPolice"',
    ],
  );
  assert.deepEqual(value, JSON.parse(body));
});

test('Strict fails with the server message, Warn returns warnings, Ignore nothing', () => {
  const { problems } = decodeJsonStrict(body, schema);
  assert.throws(
    () => enforceFieldValidation(problems, 'Strict'),
    (err: unknown) =>
      err instanceof StrictDecodingError &&
      err.code === 'STRICT_DECODING' &&
      err.statusMessage ===
        'strict decoding error: duplicate field "metadata.labels.app", unknown field "spec.unknownField", duplicate field "spec.replicas", unknown field "spec.template.spec.containers[0].imagePullPolice"',
  );
  assert.equal(enforceFieldValidation(problems, 'Warn').length, 4);
  assert.deepEqual(enforceFieldValidation(problems, 'Ignore'), []);
  assert.equal(parseFieldValidation(undefined), 'Warn');
  assert.equal(parseFieldValidation('Strict'), 'Strict');
  assert.equal(parseFieldValidation('strict'), undefined);
});

test('YAML bodies report duplicates as the YAML decoder does, then unknown fields', () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  replicas: 3
  paused: false
  bogus: true
`;
  const { value, problems } = decodeYamlStrict(yaml, schema);
  assert.deepEqual(
    problems.map((p) => p.message),
    ['yaml: unmarshal errors:\n  line 7: key "replicas" already set in map', 'unknown field "spec.bogus"'],
  );
  assert.equal((value as { spec: { replicas: number } }).spec.replicas, 3);
});

test('untyped and preserved fields are never unknown; custom resources use their schema', () => {
  assert.deepEqual(
    findUnknownFields(
      { metadata: { annotations: { x: 'y' } }, data: { anything: 1 } },
      schemaFor({ apiVersion: 'apps/v1', kind: 'ControllerRevision' }),
    ),
    [],
  );
  const crd = {
    spec: {
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    size: { type: 'integer' },
                    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
  const cr = schemaForCustomResource(crd, 'v1');
  assert.deepEqual(
    findUnknownFields(
      {
        apiVersion: 'x/v1',
        kind: 'W',
        metadata: { name: 'w', bogus: 1 },
        spec: { size: 1, color: 'red', extra: { a: 1 } },
      },
      cr,
    ).map((p) => p.message),
    ['unknown field "metadata.bogus"', 'unknown field "spec.color"'],
  );
});

test('malformed bodies name the line and column', () => {
  assert.throws(
    () => decodeJsonStrict('{\n  "a": 1,\n  "b": }', schema),
    (err: unknown) => err instanceof BodyDecodeError && /line 3 column 8/.test(err.message),
  );
  assert.throws(() => decodeJsonStrict('{"a": 1} x', schema), /unexpected data after the top-level value/);
  assert.throws(
    () => decodeYamlStrict('a: [1, 2\nb: 3', schema),
    (err: unknown) => err instanceof BodyDecodeError && /invalid YAML/.test(err.message),
  );
});

test('pruning drops what a typed decoder drops and says where it was', () => {
  const obj = JSON.parse(body) as Record<string, unknown>;
  const problems = pruneUnknownFields(obj, schema);
  assert.deepEqual(
    problems.map((p) => p.message),
    ['unknown field "spec.unknownField"', 'unknown field "spec.template.spec.containers[0].imagePullPolice"'],
  );
  assert.deepEqual(obj['spec'], {
    replicas: 3,
    template: { spec: { containers: [{ name: 'a', image: 'x' }] } },
  });
  assert.deepEqual(pruneUnknownFields(obj, schema), [], 'nothing left to prune');
});

test('a "__proto__" key is an ordinary field, as JSON.parse reads it', () => {
  const { value } = decodeJsonStrict('{"metadata": {"labels": {"__proto__": "x"}}}', schema);
  const labels = (value as { metadata: { labels: Record<string, unknown> } }).metadata.labels;
  assert.deepEqual(Object.keys(labels), ['__proto__']);
  assert.equal(Object.getPrototypeOf(labels), Object.prototype);
});
