import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, since } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

const cases: [number, string][] = [
  [-3 * s, '<invalid>'],
  [-1 * s, '0s'],
  [0, '0s'],
  [59 * s, '59s'],
  [119 * s, '119s'],
  [2 * m, '2m'],
  [3 * m + 2 * s, '3m2s'],
  [10 * m + 30 * s, '10m'],
  [179 * m, '179m'],
  [3 * h, '3h'],
  [5 * h + 3 * m, '5h3m'],
  [20 * h, '20h'],
  [3 * d, '3d'],
  [3 * d + 4 * h, '3d4h'],
  [40 * d, '40d'],
  [800 * d, '2y70d'],
  [365 * 9 * d, '9y'],
];

for (const [ms, want] of cases) {
  test(`${ms} ms prints as ${want}`, () => assert.equal(humanDuration(ms), want));
}

test('ages of timestamps', () => {
  const now = Date.parse('2024-01-01T01:00:00Z');
  assert.equal(since('2024-01-01T00:00:00Z', now), '60m');
  assert.equal(since(undefined, now), '<unknown>');
  assert.equal(since('', now), '<unknown>');
});
