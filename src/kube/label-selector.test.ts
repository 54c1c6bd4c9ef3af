import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelSelectorMatches } from './label-selector.ts';

const labels = { app: 'web', tier: 'front' };

test('matchLabels and every expression operator, as kube-apiserver matches them', () => {
  assert.equal(labelSelectorMatches({ matchLabels: { app: 'web' } }, labels), true);
  assert.equal(labelSelectorMatches({ matchLabels: { app: 'db' } }, labels), false);
  const expr = (operator: string, values?: string[]) =>
    labelSelectorMatches(
      { matchExpressions: [{ key: 'tier', operator, ...(values ? { values } : {}) }] },
      labels,
    );
  assert.equal(expr('In', ['front', 'back']), true);
  assert.equal(expr('In', ['back']), false);
  assert.equal(expr('NotIn', ['back']), true);
  assert.equal(expr('NotIn', ['front']), false);
  assert.equal(expr('Exists'), true);
  assert.equal(expr('DoesNotExist'), false);
  assert.equal(expr('Gt', ['1']), false, 'an operator label selectors do not have matches nothing');
});

test('an empty selector selects everything, a missing one nothing', () => {
  assert.equal(labelSelectorMatches({}, labels), true);
  assert.equal(labelSelectorMatches({}, undefined), true);
  assert.equal(labelSelectorMatches(undefined, labels), false);
  assert.equal(labelSelectorMatches(null, labels), false);
});
