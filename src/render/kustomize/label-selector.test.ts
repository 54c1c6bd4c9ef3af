import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabelSelector } from './label-selector.ts';

test('label selectors: equality, sets, existence', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.equal(matchesLabelSelector('app=web', labels), true);
  assert.equal(matchesLabelSelector('app==web,tier!=back', labels), true);
  assert.equal(matchesLabelSelector('app in (web, api),!canary', labels), true);
  assert.equal(matchesLabelSelector('tier notin (front)', labels), false);
  assert.equal(matchesLabelSelector('env', labels), false);
  assert.equal(matchesLabelSelector('', labels), true);
});
