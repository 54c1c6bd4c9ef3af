import { test } from 'node:test';
import assert from 'node:assert/strict';
import { healthOrder, isWorse, worst, type HealthStatusCode } from './status.ts';
import { aggregateHealth } from './aggregate.ts';

test('health order is Argo CD’s, best to worst, so aggregation is a fold', () => {
  assert.deepEqual(healthOrder, ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
  assert.ok(isWorse('Healthy', 'Degraded'));
  assert.ok(!isWorse('Degraded', 'Progressing'));
  const all: HealthStatusCode[] = ['Progressing', 'Healthy', 'Degraded', 'Suspended'];
  assert.equal(all.reduce(worst, 'Healthy'), 'Degraded');
});

test('app health skips hooks, ignored checks and missing resources, and is Missing when nothing is live', () => {
  const live = (status: HealthStatusCode, extra = {}) => ({
    groupKind: 'apps/Deployment',
    health: { status },
    live: true,
    ...extra,
  });
  assert.equal(aggregateHealth([live('Healthy'), live('Progressing')]).status, 'Progressing');
  assert.equal(aggregateHealth([live('Healthy'), live('Degraded', { hook: true })]).status, 'Healthy');
  assert.equal(
    aggregateHealth([live('Healthy'), live('Degraded', { ignoreHealthCheck: true })]).status,
    'Healthy',
  );
  assert.equal(
    aggregateHealth([live('Healthy'), { groupKind: 'Service', health: { status: 'Missing' }, live: false }])
      .status,
    'Healthy',
  );
  assert.equal(
    aggregateHealth([
      live('Healthy'),
      { groupKind: 'argoproj.io/Application', health: { status: 'Unknown' }, live: true },
    ]).status,
    'Healthy',
  );
  assert.equal(
    aggregateHealth([{ groupKind: 'Service', health: { status: 'Missing' }, live: false }]).status,
    'Missing',
  );
  assert.equal(aggregateHealth([]).status, 'Healthy');
});
