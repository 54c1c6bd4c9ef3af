import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateJsonPath } from './jsonpath.ts';

const obj = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: {
    replicas: 3,
    containers: [
      { name: 'a', image: 'i1' },
      { name: 'b', image: 'i2' },
    ],
  },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Synced', status: 'False' },
    ],
  },
};

const cases: [string, unknown[]][] = [
  ['.spec.replicas', [3]],
  ['{.spec.replicas}', [3]],
  ['$.metadata.name', ['x']],
  ['.spec.containers[1].image', ['i2']],
  ['.spec.containers[-1].name', ['b']],
  ['.spec.containers[*].image', ['i1', 'i2']],
  ['.status.conditions[?(@.type=="Ready")].status', ['True']],
  [".status.conditions[?(@.type!='Ready')].type", ['Synced']],
  [".metadata.labels['app.kubernetes.io/name']", ['web']],
  ['.spec.missing', []],
  ['.spec.containers[5]', []],
  ['.spec.containers[?(@.image)].name', ['a', 'b']],
];

for (const [path, want] of cases) {
  test(`jsonpath ${path}`, () => assert.deepEqual(evaluateJsonPath(obj, path), want));
}
