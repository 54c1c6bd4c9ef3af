import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.ts';
import { parseLabelSelector } from './selector.ts';

const labels = { env: 'prod', tier: 'web', 'app.kubernetes.io/name': 'shop' };

test('label selectors in their string form match as Kubernetes matches them', () => {
  const cases: [string, boolean][] = [
    ['env=prod', true],
    ['env==prod', true],
    ['env!=prod', false],
    ['env=dev', false],
    ['env=prod,tier!=db', true],
    ['env in (dev, prod)', true],
    ['env notin (prod)', false],
    ['tier', true],
    ['!legacy', true],
    ['!tier', false],
    ['missing!=x', true],
    ['app.kubernetes.io/name=shop', true],
    ['env in (dev,qa),tier=web', false],
  ];
  for (const [selector, want] of cases) assert.equal(parseLabelSelector(selector)(labels), want, selector);
});

test('a selector that does not parse is a 400 naming it', () => {
  for (const bad of ['==', 'env in prod)', 'a b=c']) {
    assert.throws(
      () => parseLabelSelector(bad),
      (err: unknown) => err instanceof ApiError && err.status === 400 && err.message.includes(bad),
      bad,
    );
  }
});
