// The controller runtime's parts that talk to an API server, against the embedded cluster over
// HTTP: leader election on a real coordination.k8s.io/v1 Lease (compare-and-swap on
// resourceVersion is the server's) and Events written by KubeEventRecorder. Timings are shortened
// (1 s leases, 200 ms retries) so hand-overs take about a second.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import type { KubeReader, KubeWriter } from '../src/kube/index.ts';
import {
  KubeEventRecorder,
  LeaderElector,
  recordOfLease,
  type LeaderElectionOptions,
} from '../src/controllers/index.ts';
import { apiRequest, startTestCluster, type TestCluster } from './support/cluster.ts';
import { rawKubeClient } from './support/raw-kube-client.ts';

const FAST = { leaseDurationMs: 1_000, renewDeadlineMs: 800, retryPeriodMs: 200 };

async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function readLease(cluster: TestCluster, namespace: string, name: string): Promise<KubeObject> {
  const res = await apiRequest(
    cluster,
    'GET',
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${name}`,
  );
  assert.equal(res.status, 200, res.text);
  return res.json as KubeObject;
}

/** One candidate: its elector, whether it is leading now, and a way to stop it. */
function candidate(
  client: KubeReader & KubeWriter,
  identity: string,
  options: Partial<
    Pick<LeaderElectionOptions, 'releaseOnCancel' | 'leaseDurationMs' | 'renewDeadlineMs'>
  > = {},
) {
  const elector = new LeaderElector(client, {
    namespace: 'default',
    name: 'capstan-controller',
    identity,
    ...FAST,
    ...options,
  });
  const stop = new AbortController();
  const state = {
    leading: false,
    stoppedLeading: 0,
    leaders: [] as string[],
    workSignal: undefined as AbortSignal | undefined,
  };
  const done = elector.run({
    signal: stop.signal,
    onStartedLeading: (signal) => {
      state.leading = true;
      state.workSignal = signal;
      return new Promise<void>((resolve) =>
        signal.addEventListener(
          'abort',
          () => {
            state.leading = false;
            resolve();
          },
          { once: true },
        ),
      );
    },
    onStoppedLeading: () => state.stoppedLeading++,
    onNewLeader: (id) => state.leaders.push(id),
  });
  return { elector, state, stop: () => stop.abort(), done };
}

describe('controller runtime against the embedded cluster', { concurrency: true }, () => {
  it('one of two candidates leads; a clean shutdown hands the Lease over at once', async (t) => {
    const cluster = await startTestCluster(t);
    const client = rawKubeClient(cluster) as KubeReader & KubeWriter;
    // A 10 s lease: b taking over within 5 s can only come from a's release.
    const long = { leaseDurationMs: 10_000, renewDeadlineMs: 5_000 };
    const a = candidate(client, 'replica-a', long);
    await eventually(() => a.state.leading, 'a to lead');
    const b = candidate(client, 'replica-b', long);
    await eventually(() => b.state.leaders.includes('replica-a'), 'b to see a as leader');
    assert.equal(b.state.leading, false);
    let lease = recordOfLease(await readLease(cluster, 'default', 'capstan-controller'));
    assert.equal(lease.holderIdentity, 'replica-a');
    assert.equal(lease.leaseDurationSeconds, 10);
    assert.equal(lease.leaseTransitions, 0);
    assert.match(lease.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    // Renewals move renewTime and keep acquireTime.
    const renewed = lease.renewTime;
    await eventually(
      async () =>
        recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).renewTime !== renewed,
      'a renewal',
    );
    assert.equal(
      recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).acquireTime,
      lease.acquireTime,
    );

    a.stop();
    await a.done;
    assert.equal(a.state.leading, false, "a's work saw its signal");
    assert.equal(a.state.stoppedLeading, 1);
    lease = recordOfLease(await readLease(cluster, 'default', 'capstan-controller'));
    assert.notEqual(lease.holderIdentity, 'replica-a', 'released (or already taken by b)');
    // Released: b takes it within retry periods instead of waiting 10 s for the lease to expire.
    await eventually(() => b.state.leading, 'b to lead after the release', 5_000);
    lease = recordOfLease(await readLease(cluster, 'default', 'capstan-controller'));
    assert.equal(lease.holderIdentity, 'replica-b');
    assert.equal(lease.leaseTransitions, 1);
    assert.deepEqual(b.state.leaders, ['replica-a', 'replica-b']);
    b.stop();
    await b.done;
    assert.equal(recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).holderIdentity, '');
  });

  it('a leader that stops renewing is replaced only after its lease expires', async (t) => {
    const cluster = await startTestCluster(t);
    const client = rawKubeClient(cluster) as KubeReader & KubeWriter;
    const a = candidate(client, 'replica-a', { releaseOnCancel: false });
    await eventually(() => a.state.leading, 'a to lead');
    const b = candidate(client, 'replica-b');
    await eventually(() => b.state.leaders.includes('replica-a'), 'b to see a');
    a.stop();
    await a.done;
    const stoppedAt = Date.now();
    assert.equal(
      recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).holderIdentity,
      'replica-a',
    );
    assert.equal(b.state.leading, false, 'b does not take an unexpired lease');
    await eventually(() => b.state.leading, 'b to take over the expired lease');
    // b observed a's last renewal at most a retry period (+ jitter) before a stopped.
    assert.ok(Date.now() - stoppedAt >= 1_000 - 2.2 * FAST.retryPeriodMs, 'not before the lease expired');
    assert.equal(
      recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).leaseTransitions,
      1,
    );
    b.stop();
    await b.done;
  });

  it('a leader whose Lease is taken steps down after the renew deadline', async (t) => {
    const cluster = await startTestCluster(t);
    const client = rawKubeClient(cluster) as KubeReader & KubeWriter;
    const a = candidate(client, 'replica-a');
    await eventually(() => a.state.leading, 'a to lead');
    // Someone else writes the Lease (as a replica with a skewed view would): a's next
    // compare-and-swap fails, and the new holder's lease is valid for an hour.
    const lease = await readLease(cluster, 'default', 'capstan-controller');
    const taken = await apiRequest(
      cluster,
      'PUT',
      '/apis/coordination.k8s.io/v1/namespaces/default/leases/capstan-controller',
      {
        body: {
          ...lease,
          spec: { ...(lease['spec'] as object), holderIdentity: 'intruder', leaseDurationSeconds: 3600 },
        },
      },
    );
    assert.equal(taken.status, 200, taken.text);
    await a.done;
    assert.equal(a.state.workSignal?.aborted, true, "the leader's work was told to stop");
    assert.equal(a.elector.isLeader(), false);
    assert.equal(a.elector.leader(), 'intruder');
    assert.equal(
      recordOfLease(await readLease(cluster, 'default', 'capstan-controller')).holderIdentity,
      'intruder',
      'not released: not ours',
    );
  });

  it('a leader whose work ends steps down and releases the Lease', async (t) => {
    const cluster = await startTestCluster(t);
    const client = rawKubeClient(cluster) as KubeReader & KubeWriter;
    const elector = new LeaderElector(client, {
      namespace: 'default',
      name: 'short',
      identity: 'solo',
      ...FAST,
    });
    let ran = false;
    await elector.run({
      signal: AbortSignal.timeout(30_000),
      onStartedLeading: () => {
        ran = true;
        return Promise.reject(new Error('controller crashed'));
      },
    });
    assert.equal(ran, true);
    assert.equal(recordOfLease(await readLease(cluster, 'default', 'short')).holderIdentity, '');
  });

  it('events are written as core/v1 Events and repeats counted on one of them', async (t) => {
    const cluster = await startTestCluster(t);
    const client = rawKubeClient(cluster) as KubeReader & KubeWriter;
    const recorder = new KubeEventRecorder(client, { component: 'kustomize-controller', host: 'capstan-0' });
    const created = await client.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: 'default', name: 'settings' },
        data: { a: '1' },
      },
      { signal: AbortSignal.timeout(5_000) },
    );
    recorder.event(
      created,
      'Warning',
      'HealthCheckFailed',
      'clone of https://bob:hunter2@example.com/x.git failed',
    );
    recorder.event(
      created,
      'Warning',
      'HealthCheckFailed',
      'clone of https://bob:hunter2@example.com/x.git failed',
    );
    recorder.event(created, 'Normal', 'ReconciliationSucceeded', 'applied revision main@sha1:abc');
    await recorder.flush();
    const res = await apiRequest(cluster, 'GET', '/api/v1/namespaces/default/events');
    assert.equal(res.status, 200, res.text);
    const events = (res.json as { items: KubeObject[] }).items.filter(
      (e) => (e['involvedObject'] as { name: string }).name === 'settings',
    );
    const byReason = new Map(events.map((e) => [e['reason'] as string, e]));
    assert.equal(events.length, 2);
    const failed = byReason.get('HealthCheckFailed')!;
    assert.equal(failed['count'], 2);
    assert.equal(failed['message'], 'clone of https://***@example.com/x.git failed');
    assert.deepEqual(failed['source'], { component: 'kustomize-controller', host: 'capstan-0' });
    assert.equal((failed['involvedObject'] as { uid: string }).uid, created.metadata.uid);
    assert.equal(byReason.get('ReconciliationSucceeded')!['count'], 1);
  });
});
