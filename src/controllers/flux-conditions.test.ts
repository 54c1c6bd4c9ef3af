import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../core/index.ts';
import { getCondition } from './conditions.ts';
import {
  finalizeFluxStatus,
  fluxReasons,
  isReady,
  isReconciling,
  isStalled,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
} from './flux-conditions.ts';
import {
  handleAnnotationRequest,
  markReconcileRequestHandled,
  pendingReconcileRequest,
  reconcileRequested,
} from './reconcile-request.ts';

function gitRepository(annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: {
      namespace: 'flux-system',
      name: 'podinfo',
      generation: 2,
      ...(annotations ? { annotations } : {}),
    },
  };
}

const statusOf = (o: KubeObject): Record<string, unknown> => o['status'] as Record<string, unknown>;
const types = (o: KubeObject) =>
  ((o['status'] as { conditions: { type: string }[] }).conditions ?? []).map((c) => c.type);

test('a successful Flux reconcile ends Ready=True with no Reconciling and the observed generation', () => {
  const repo = gitRepository();
  markReconciling(repo, fluxReasons.progressing, 'reconciliation in progress');
  markUnknown(repo, 'Ready', fluxReasons.progressing, 'reconciliation in progress');
  assert.deepEqual(types(repo), ['Reconciling', 'Ready'], 'Reconciling sorts before Ready');
  assert.equal(isReconciling(repo), true);
  markTrue(repo, 'ArtifactInStorage', fluxReasons.succeeded, 'stored artifact for revision main@sha1:abc');
  markTrue(repo, 'Ready', fluxReasons.succeeded, 'stored artifact for revision main@sha1:abc');
  finalizeFluxStatus(repo);
  assert.deepEqual(types(repo), ['Ready', 'ArtifactInStorage']);
  assert.equal((repo['status'] as { observedGeneration: number }).observedGeneration, 2);
  assert.equal(isReady(repo), true);
});

test('a failed Flux reconcile keeps Reconciling with reason ProgressingWithRetry', () => {
  const repo = gitRepository();
  markReconciling(repo, fluxReasons.progressing, 'building artifact');
  markFalse(repo, 'Ready', 'GitOperationFailed', 'failed to checkout: authentication required');
  finalizeFluxStatus(repo);
  const reconciling = getCondition(repo, 'Reconciling');
  assert.equal(reconciling?.status, 'True');
  assert.equal(reconciling?.reason, 'ProgressingWithRetry');
  assert.equal(reconciling?.message, 'building artifact');
  assert.equal(statusOf(repo)['observedGeneration'], undefined);
  assert.equal(isReady(repo), false);
});

test('Stalled and Reconciling exclude each other', () => {
  const k = gitRepository();
  markReconciling(k, fluxReasons.progressing, 'working');
  markStalled(k, fluxReasons.invalidCELExpression, 'bad expression');
  assert.deepEqual(types(k), ['Stalled']);
  assert.equal(isStalled(k), true);
  markReconciling(k, fluxReasons.progressing, 'spec changed');
  assert.deepEqual(types(k), ['Reconciling']);
  assert.equal(isStalled(k), false);
});

test('conditions sort Stalled, Reconciling, Ready first, then newest generation, then type', () => {
  const k = gitRepository();
  markTrue(k, 'Healthy', 'Succeeded', '');
  markTrue(k, 'ArtifactInStorage', 'Succeeded', '');
  markFalse(k, 'Ready', 'Failed', '');
  markStalled(k, 'Failed', '');
  assert.deepEqual(types(k), ['Stalled', 'Ready', 'ArtifactInStorage', 'Healthy']);
});

test('requestedAt is pending until handled, and the token is echoed into lastHandledReconcileAt', () => {
  const repo = gitRepository({ 'reconcile.fluxcd.io/requestedAt': '2025-01-01T10:00:00.000000+00:00' });
  assert.equal(pendingReconcileRequest(repo), '2025-01-01T10:00:00.000000+00:00');
  assert.equal(repo['status'], undefined, 'reading does not create a status');
  markTrue(repo, 'Ready', fluxReasons.succeeded, 'ok');
  finalizeFluxStatus(repo);
  assert.equal(statusOf(repo)['lastHandledReconcileAt'], '2025-01-01T10:00:00.000000+00:00');
  assert.equal(pendingReconcileRequest(repo), undefined);
  repo.metadata.annotations!['reconcile.fluxcd.io/requestedAt'] = 'any new token';
  assert.equal(pendingReconcileRequest(repo), 'any new token', 'the value is a token, not a time');
  markReconcileRequestHandled(repo);
  assert.equal(pendingReconcileRequest(repo), undefined);
  assert.equal(pendingReconcileRequest(gitRepository()), undefined);
});

test('a forceAt request acts once, and only with a matching requestedAt', () => {
  const release = gitRepository({
    'reconcile.fluxcd.io/requestedAt': 't1',
    'reconcile.fluxcd.io/forceAt': 't1',
  });
  assert.equal(handleAnnotationRequest(release, 'reconcile.fluxcd.io/forceAt', 'lastHandledForceAt'), true);
  assert.equal(statusOf(release)['lastHandledForceAt'], 't1');
  assert.equal(
    handleAnnotationRequest(release, 'reconcile.fluxcd.io/forceAt', 'lastHandledForceAt'),
    false,
    'only once',
  );
  const mismatched = gitRepository({
    'reconcile.fluxcd.io/requestedAt': 't2',
    'reconcile.fluxcd.io/forceAt': 't1',
  });
  assert.equal(
    handleAnnotationRequest(mismatched, 'reconcile.fluxcd.io/forceAt', 'lastHandledForceAt'),
    false,
  );
  assert.equal(statusOf(mismatched)['lastHandledForceAt'], 't1', 'recorded anyway');
});

test('the reconcileRequested predicate passes only updates that change the token', () => {
  const old = gitRepository({ 'reconcile.fluxcd.io/requestedAt': 'a' });
  assert.equal(
    reconcileRequested({
      type: 'MODIFIED',
      old,
      object: gitRepository({ 'reconcile.fluxcd.io/requestedAt': 'b' }),
    }),
    true,
  );
  assert.equal(
    reconcileRequested({
      type: 'MODIFIED',
      old,
      object: gitRepository({ 'reconcile.fluxcd.io/requestedAt': 'a' }),
    }),
    false,
  );
  assert.equal(reconcileRequested({ type: 'MODIFIED', old, object: gitRepository() }), false);
  assert.equal(reconcileRequested({ type: 'MODIFIED', old: gitRepository(), object: old }), true);
  assert.equal(reconcileRequested({ type: 'ADDED', object: gitRepository() }), true);
});
