import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Application } from './api/application.ts';
import { decideAutoSync } from './auto-sync.ts';

const source = { repoURL: 'https://example.com/r.git', path: 'app' };

function app(status: Application['status'] = {}, automated = { prune: true, selfHeal: true }): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: {
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      syncPolicy: { automated },
    },
    status,
  };
}

const outOfSync = [{ kind: 'ConfigMap', name: 'a', status: 'OutOfSync' as const }];
const input = (a: Application, now = new Date('2026-01-01T00:00:10Z')) => ({
  app: a,
  syncStatus: 'OutOfSync' as const,
  resources: outOfSync,
  revisions: ['abc'],
  sources: [source],
  now,
});
const lastSync = (phase: 'Succeeded' | 'Failed', autoHealAttemptsCount?: number) => ({
  operationState: {
    operation: {
      sync: { revision: 'abc', ...(autoHealAttemptsCount !== undefined && { autoHealAttemptsCount }) },
    },
    phase,
    message: phase === 'Failed' ? 'boom' : 'ok',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:00Z',
    syncResult: { revision: 'abc', source, resources: [] },
  },
});

describe('automated sync decision', () => {
  it('syncs a new revision with the policy prune flag', () => {
    const d = decideAutoSync(input(app()));
    assert.equal(d.kind, 'sync');
    assert.deepEqual(d.kind === 'sync' && d.operation, {
      sync: { revision: 'abc', prune: true },
      initiatedBy: { automated: true },
    });
  });

  it('never re-syncs a revision whose sync failed, and says so in a SyncError condition', () => {
    const d = decideAutoSync(input(app(lastSync('Failed'))));
    assert.equal(d.kind, 'skip');
    assert.equal(d.kind === 'skip' && d.condition?.type, 'SyncError');
    assert.match((d.kind === 'skip' && d.condition?.message) || '', /Failed last sync attempt to abc: boom/);
  });

  it('self-heals only after the backoff (2 s, ×3) and only the drifted resources', () => {
    const early = decideAutoSync(input(app(lastSync('Succeeded')), new Date('2026-01-01T00:00:01Z')));
    assert.equal(early.kind === 'skip' && early.retryAfterMs, 1000);
    const d = decideAutoSync(input(app(lastSync('Succeeded'))));
    assert.equal(d.kind === 'sync' && d.operation.sync?.autoHealAttemptsCount, 1);
    assert.deepEqual(d.kind === 'sync' && d.operation.sync?.resources, [{ kind: 'ConfigMap', name: 'a' }]);
    const third = decideAutoSync(input(app(lastSync('Succeeded', 2)), new Date('2026-01-01T00:00:10Z')));
    assert.equal(third.kind === 'skip' && third.retryAfterMs, 8000);
  });

  it('without selfHeal, a synced revision is not synced again', () => {
    const d = decideAutoSync(input(app(lastSync('Succeeded'), { prune: true, selfHeal: false })));
    assert.equal(d.kind, 'skip');
  });

  it('skips prune-only changes without automated.prune and refuses to wipe everything without allowEmpty', () => {
    const pruneOnly = [{ kind: 'ConfigMap', name: 'a', status: 'OutOfSync' as const, requiresPruning: true }];
    const a = decideAutoSync({ ...input(app({}, { prune: false, selfHeal: false })), resources: pruneOnly });
    assert.equal(a.kind, 'skip');
    const b = decideAutoSync({ ...input(app()), resources: pruneOnly });
    assert.match((b.kind === 'skip' && b.condition?.message) || '', /wipe out all resources/);
  });
});
