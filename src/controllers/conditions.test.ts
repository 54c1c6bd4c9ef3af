import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../core/index.ts';
import { setArgoConditions } from './argo-conditions.ts';
import { formatTime, getCondition, isTrue, isUnknown, removeCondition, setCondition } from './conditions.ts';

function kustomization(generation = 1): KubeObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { namespace: 'flux-system', name: 'apps', generation },
  };
}

const at = (iso: string) => () => new Date(iso);

test('times are RFC 3339 in whole seconds, as metav1.Time', () => {
  assert.equal(formatTime(new Date('2025-03-04T05:06:07.899Z')), '2025-03-04T05:06:07Z');
});

test('setCondition adds a condition with the generation and the time it was set', () => {
  const k = kustomization(3);
  const changed = setCondition(
    k,
    { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'reconciliation in progress' },
    { now: at('2025-01-01T00:00:00Z') },
  );
  assert.equal(changed, true);
  assert.deepEqual(k['status'], {
    conditions: [
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'Progressing',
        message: 'reconciliation in progress',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        observedGeneration: 3,
      },
    ],
  });
});

test('lastTransitionTime moves only when the status flips (Kubernetes convention)', () => {
  const k = kustomization();
  setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'a' },
    { now: at('2025-01-01T00:00:00Z') },
  );
  const changed = setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'HealthCheckFailed', message: 'b' },
    { now: at('2025-01-01T00:05:00Z') },
  );
  assert.equal(changed, true, 'reason and message changed');
  assert.equal(getCondition(k, 'Ready')?.lastTransitionTime, '2025-01-01T00:00:00Z');
  assert.equal(getCondition(k, 'Ready')?.reason, 'HealthCheckFailed');
  const same = setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'HealthCheckFailed', message: 'b' },
    { now: at('2025-01-01T00:06:00Z') },
  );
  assert.equal(same, false, 'nothing to patch');
  setCondition(
    k,
    { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'ok' },
    { now: at('2025-01-01T00:10:00Z') },
  );
  assert.equal(getCondition(k, 'Ready')?.lastTransitionTime, '2025-01-01T00:10:00Z');
});

test("with transitionOn 'state' a new reason or message also moves the time (fluxcd/pkg)", () => {
  const k = kustomization();
  const o = { transitionOn: 'state' as const };
  setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'a' },
    { ...o, now: at('2025-01-01T00:00:00Z') },
  );
  setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'b' },
    { ...o, now: at('2025-01-01T00:01:00Z') },
  );
  assert.equal(getCondition(k, 'Ready')?.lastTransitionTime, '2025-01-01T00:01:00Z');
  setCondition(
    k,
    { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'b' },
    { ...o, now: at('2025-01-01T00:02:00Z') },
  );
  assert.equal(getCondition(k, 'Ready')?.lastTransitionTime, '2025-01-01T00:01:00Z');
});

test('a new generation is recorded without moving the transition time', () => {
  const k = kustomization(1);
  const input = { type: 'Ready', status: 'True' as const, reason: 'ReconciliationSucceeded', message: 'ok' };
  setCondition(k, input, { now: at('2025-01-01T00:00:00Z') });
  k.metadata.generation = 2;
  assert.equal(setCondition(k, input, { now: at('2025-01-02T00:00:00Z') }), true);
  assert.equal(getCondition(k, 'Ready')?.observedGeneration, 2);
  assert.equal(getCondition(k, 'Ready')?.lastTransitionTime, '2025-01-01T00:00:00Z');
});

test('messages longer than 32 KiB are trimmed with an ellipsis', () => {
  const k = kustomization();
  setCondition(k, { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'x'.repeat(40_000) });
  const m = getCondition(k, 'Ready')!.message;
  assert.equal(m.length, 32768);
  assert.ok(m.endsWith('x...'));
});

test('reading never creates a status; removing reports whether there was a condition', () => {
  const k = kustomization();
  assert.equal(getCondition(k, 'Ready'), undefined);
  assert.equal(isTrue(k, 'Ready'), false);
  assert.equal(isUnknown(k, 'Ready'), true, 'a missing condition is Unknown');
  assert.equal(removeCondition(k, 'Ready'), false);
  assert.equal(k['status'], undefined);
  setCondition(k, { type: 'Healthy', status: 'True', reason: 'Succeeded', message: '' });
  assert.equal(removeCondition(k, 'Healthy'), true);
  assert.deepEqual(k['status'], { conditions: [] });
});

test("Argo CD's SetConditions keeps unevaluated types and the time of unchanged messages", () => {
  const existing = [
    { type: 'SyncError', message: 'failed to sync', lastTransitionTime: '2025-01-01T00:00:00Z' },
    { type: 'ComparisonError', message: 'repo unreachable', lastTransitionTime: '2025-01-01T00:00:00Z' },
    { type: 'OrphanedResourceWarning', message: '1 orphaned', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ];
  const out = setArgoConditions(
    existing,
    [
      { type: 'ComparisonError', message: 'repo unreachable' },
      { type: 'InvalidSpecError', message: 'destination missing' },
    ],
    ['ComparisonError', 'InvalidSpecError', 'OrphanedResourceWarning'],
    new Date('2025-02-01T00:00:00Z'),
  );
  assert.deepEqual(out, [
    { type: 'ComparisonError', message: 'repo unreachable', lastTransitionTime: '2025-01-01T00:00:00Z' },
    { type: 'InvalidSpecError', message: 'destination missing', lastTransitionTime: '2025-02-01T00:00:00Z' },
    { type: 'SyncError', message: 'failed to sync', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ]);
  const changed = setArgoConditions(
    out,
    [{ type: 'ComparisonError', message: 'timeout' }],
    ['ComparisonError'],
    new Date('2025-03-01T00:00:00Z'),
  );
  assert.equal(changed.find((c) => c.type === 'ComparisonError')?.lastTransitionTime, '2025-03-01T00:00:00Z');
});
