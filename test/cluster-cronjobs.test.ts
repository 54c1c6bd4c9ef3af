// CronJobs of the embedded cluster on a fast clock (a minute passes every second), through
// kubectl: Jobs `<name>-<scheduled minutes>` appear on schedule, finish, and the history limit
// keeps the newest.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import { fastClock } from '../src/cluster/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { eventually, namespaced } from './support/workloads.ts';

let cluster: TestCluster;
before(async () => {
  cluster = await startTestCluster(undefined, { clock: fastClock(60), podStartDelayMs: 1000, pace: 0.2 });
});
after(() => cluster.close());

type Obj = KubeObject & { status?: Record<string, unknown> };

it('a CronJob creates a Job per scheduled minute and keeps its history within the limits', async () => {
  const k = await namespaced(cluster, 'cron');
  await k.create({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick' },
    spec: {
      schedule: '*/1 * * * *',
      successfulJobsHistoryLimit: 2,
      jobTemplate: {
        metadata: { labels: { team: 'ops' } },
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'tick', image: 'busybox:1.36' }] },
          },
        },
      },
    },
  });
  const created = async () =>
    (
      await k.json<{ items: { reason: string; message: string }[] }>([
        'get',
        'events',
        '--field-selector',
        'involvedObject.name=tick',
      ])
    ).items
      .filter((e) => e.reason === 'SuccessfulCreate')
      .map((e) => e.message);
  await eventually('four scheduled Jobs', async () => (await created()).length >= 4, 60_000);
  const jobs = (await k.json<{ items: Obj[] }>(['get', 'jobs'])).items;
  for (const j of jobs) {
    const scheduled = Date.parse(
      j.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'] ?? '',
    );
    assert.equal(j.metadata.name, `tick-${Math.floor(scheduled / 60_000)}`);
    assert.equal(j.metadata.labels?.['team'], 'ops');
    assert.equal(j.metadata.ownerReferences?.[0]?.kind, 'CronJob');
  }
  await eventually('history trimmed to the limit', async () => {
    const done = (await k.json<{ items: Obj[] }>(['get', 'jobs'])).items.filter((j) =>
      (j.status?.['conditions'] as { type: string }[] | undefined)?.some((c) => c.type === 'Complete'),
    );
    return done.length <= 2;
  });
  const cj = await k.json<Obj>(['get', 'cronjob', 'tick']);
  assert.ok(cj.status?.['lastScheduleTime']);
  assert.ok(cj.status?.['lastSuccessfulTime']);
  const events = await k.ok(['describe', 'cronjob', 'tick']);
  assert.match(events, /SawCompletedJob\s+.*Saw completed job: tick-\d+, condition: Complete/);
  assert.match(events, /SuccessfulDelete\s+.*Deleted job tick-\d+/);

  await k.ok(['patch', 'cronjob', 'tick', '--type=merge', '-p', '{"spec":{"suspend":true}}']);
  await new Promise((r) => setTimeout(r, 300));
  const count = (await created()).length;
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await created()).length, count, 'a suspended CronJob starts nothing');
});

it('refuses schedules Kubernetes refuses, with an event', async () => {
  const k = await namespaced(cluster, 'cron-bad');
  await k.create({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'bad' },
    spec: {
      schedule: '* * * * * *',
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
        },
      },
    },
  });
  await eventually('UnparseableSchedule', async () =>
    /UnparseableSchedule/.test(await k.ok(['get', 'events'])),
  );
});
