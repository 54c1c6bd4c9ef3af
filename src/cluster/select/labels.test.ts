import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.ts';
import { formatLabels, formatLabelSelector, fromLabelSelectorObject, parseLabelSelector } from './labels.ts';

const web = { app: 'web', tier: 'frontend', version: '3' };
const db = { app: 'db', tier: 'backend' };
const bare = {};

const cases: [string, [boolean, boolean, boolean]][] = [
  ['', [true, true, true]],
  ['app=', [false, false, false]],
  ['app=web', [true, false, false]],
  ['app==web', [true, false, false]],
  ['app!=web', [false, true, true]],
  ['app in (web,db)', [true, true, false]],
  ['app in (web, db)', [true, true, false]],
  ['app notin (web)', [false, true, true]],
  ['tier', [true, true, false]],
  ['!tier', [false, false, true]],
  ['app=web,tier=frontend', [true, false, false]],
  ['app=web,tier=backend', [false, false, false]],
  ['version>2', [true, false, false]],
  ['version<3', [false, false, false]],
  ['  app = web ,  tier  ', [true, false, false]],
];

for (const [selector, [w, d, b]] of cases) {
  test(`label selector ${JSON.stringify(selector)} matches as Kubernetes does`, () => {
    const s = parseLabelSelector(selector);
    assert.deepEqual([s.matches(web), s.matches(db), s.matches(bare)], [w, d, b]);
  });
}

test('objects without labels match != and notin but nothing that needs the label', () => {
  assert.equal(parseLabelSelector('a!=b').matches(undefined), true);
  assert.equal(parseLabelSelector('a notin (b)').matches(undefined), true);
  assert.equal(parseLabelSelector('a').matches(undefined), false);
});

for (const bad of [
  'app in web',
  'app in (a',
  '=web',
  'app=web,,',
  'a b',
  'app in (a b)',
  'v>x',
  'app=-bad-',
]) {
  test(`label selector ${JSON.stringify(bad)} is a 400 BadRequest`, () => {
    assert.throws(
      () => parseLabelSelector(bad),
      (err: unknown) =>
        err instanceof ApiError && err.httpCode === 400 && /unable to parse requirement/.test(err.message),
    );
  });
}

test('a metav1.LabelSelector object selects like its string form', () => {
  const sel = fromLabelSelectorObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend'] },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  });
  assert.equal(sel.matches(web), true);
  assert.equal(sel.matches({ ...web, legacy: 'y' }), false);
});

test('selectors and labels print the way kubectl shows them', () => {
  assert.equal(formatLabelSelector({ matchLabels: { b: '2', a: '1' } }), 'a=1,b=2');
  assert.equal(
    formatLabelSelector({
      matchExpressions: [
        { key: 'x', operator: 'In', values: ['q', 'p'] },
        { key: 'y', operator: 'Exists' },
      ],
    }),
    'x in (p,q),y',
  );
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabels({ z: '1', a: '2' }), 'a=2,z=1');
  assert.equal(formatLabels(undefined), '<none>');
});
