import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortKeysGoYaml } from './sort-keys.ts';

test('keys sort as go-yaml v2 sorts them (order recorded from kubectl kustomize)', () => {
  const recorded = [
    '',
    '_x',
    '1',
    '2',
    '10',
    'A',
    'Z',
    'a-b',
    'a.b',
    'a01b',
    'a9',
    'a10',
    'b',
    'n',
    'on',
    'true',
    'x_1',
    'x_01',
    'y',
    'é',
  ];
  const shuffled = [...recorded].reverse();
  assert.deepEqual(sortKeysGoYaml(shuffled), recorded);
  assert.deepEqual(sortKeysGoYaml(['kind', 'apiVersion', 'metadata', 'data']), [
    'apiVersion',
    'data',
    'kind',
    'metadata',
  ]);
});
