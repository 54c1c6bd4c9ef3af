import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../core/index.ts';
import type { KubeClient } from '../kube/index.ts';
import { LeaderElector, defaultLeaderElectionOptions } from './leader-election.ts';
import { formatMicroTime, leaseWith, recordOfLease, sameRecord } from './lease.ts';

test('lease times are metav1.MicroTime, RFC 3339 with microseconds', () => {
  assert.equal(formatMicroTime(Date.parse('2025-01-02T03:04:05.678Z')), '2025-01-02T03:04:05.678000Z');
});

test('a Lease spec reads as a leader election record; missing fields read as empty', () => {
  const lease: KubeObject = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { namespace: 'capstan', name: 'capstan-controller', resourceVersion: '7' },
    spec: {
      holderIdentity: 'capstan-0_ab12',
      leaseDurationSeconds: 15,
      acquireTime: '2025-01-01T00:00:00.000000Z',
      renewTime: '2025-01-01T00:00:10.000000Z',
      leaseTransitions: 3,
    },
  };
  const record = recordOfLease(lease);
  assert.deepEqual(record, {
    holderIdentity: 'capstan-0_ab12',
    leaseDurationSeconds: 15,
    acquireTime: '2025-01-01T00:00:00.000000Z',
    renewTime: '2025-01-01T00:00:10.000000Z',
    leaseTransitions: 3,
  });
  assert.deepEqual(recordOfLease({ ...lease, spec: {} }), {
    holderIdentity: '',
    leaseDurationSeconds: 0,
    acquireTime: '',
    renewTime: '',
    leaseTransitions: 0,
  });
  assert.equal(sameRecord(record, recordOfLease(lease)), true);
  assert.equal(sameRecord(record, { ...record, renewTime: 'x' }), false);
  assert.equal(sameRecord(undefined, record), false);
});

test('an updated Lease keeps the metadata it was read with (resourceVersion makes it compare-and-swap)', () => {
  const read: KubeObject = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { namespace: 'capstan', name: 'lock', resourceVersion: '41', uid: 'u' },
    spec: { holderIdentity: 'old', preferredHolder: 'b' },
  };
  const record = {
    holderIdentity: 'new',
    leaseDurationSeconds: 15,
    acquireTime: 't0',
    renewTime: 't1',
    leaseTransitions: 1,
  };
  const next = leaseWith({ namespace: 'capstan', name: 'lock' }, record, read);
  assert.equal(next.metadata.resourceVersion, '41');
  assert.deepEqual(next['spec'], { preferredHolder: 'b', ...record });
  const fresh = leaseWith({ namespace: 'capstan', name: 'lock' }, record);
  assert.deepEqual(fresh.metadata, { namespace: 'capstan', name: 'lock' });
});

test("leader election refuses client-go's invalid timings and an empty identity", () => {
  const client = {} as KubeClient;
  const base = { namespace: 'capstan', name: 'lock', identity: 'me' };
  assert.deepEqual(
    [
      defaultLeaderElectionOptions.leaseDurationMs,
      defaultLeaderElectionOptions.renewDeadlineMs,
      defaultLeaderElectionOptions.retryPeriodMs,
    ],
    [15_000, 10_000, 2_000],
  );
  assert.doesNotThrow(() => new LeaderElector(client, base));
  assert.throws(() => new LeaderElector(client, { ...base, leaseDurationMs: 10_000 }), {
    code: 'INVALID_LEADER_ELECTION',
  });
  assert.throws(
    () => new LeaderElector(client, { ...base, renewDeadlineMs: 2_400 }),
    /1\.2 × the retry period/,
  );
  assert.throws(() => new LeaderElector(client, { ...base, retryPeriodMs: 0 }), {
    code: 'INVALID_LEADER_ELECTION',
  });
  assert.throws(
    () => new LeaderElector(client, { ...base, identity: '' }),
    /Lease\/capstan\/lock: identity is empty/,
  );
});
