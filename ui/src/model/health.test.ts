import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, Kustomization } from '../api/types.ts';
import { fluxHealth, fluxStatusLabel, worstHealth } from './health.ts';

const ks = (conditions: Condition[], suspend = false): Kustomization => ({
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: { sourceRef: { kind: 'GitRepository', name: 'demo' }, interval: '5m', prune: true, suspend },
  status: { conditions },
});

test('a Flux object is Healthy only when Ready is True and nothing is reconciling', () => {
  assert.equal(fluxHealth(ks([{ type: 'Ready', status: 'True' }])), 'Healthy');
  assert.equal(fluxStatusLabel(ks([{ type: 'Ready', status: 'True' }])), 'Ready');
  const busy = ks([
    { type: 'Ready', status: 'True' },
    { type: 'Reconciling', status: 'True' },
  ]);
  assert.equal(fluxHealth(busy), 'Progressing');
  assert.equal(fluxStatusLabel(busy), 'Reconciling');
});

test('Ready False is Degraded, a missing Ready is Progressing, suspend wins over all', () => {
  assert.equal(fluxHealth(ks([{ type: 'Ready', status: 'False', reason: 'BuildFailed' }])), 'Degraded');
  assert.equal(
    fluxStatusLabel(
      ks([
        { type: 'Ready', status: 'False' },
        { type: 'Stalled', status: 'True' },
      ]),
    ),
    'Stalled',
  );
  assert.equal(fluxHealth(ks([])), 'Progressing');
  assert.equal(fluxHealth(ks([{ type: 'Ready', status: 'False' }], true)), 'Suspended');
});

test('the worst health follows Argo CD order', () => {
  assert.equal(worstHealth(['Healthy', 'Progressing', 'Suspended']), 'Progressing');
  assert.equal(worstHealth(['Missing', 'Degraded']), 'Degraded');
  assert.equal(worstHealth([]), 'Healthy');
});
