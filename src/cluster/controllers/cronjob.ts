import type { KubeObject } from '../../core/index.ts';
import { parseTime, rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { Schedule, ScheduleError } from './cronjob/schedule.ts';
import { CRONJOB, JOB } from './shared/kinds.ts';
import { controllerOf, controllerRef } from './shared/owner.ts';
import type { Condition } from './shared/pods.ts';

const MANAGER = 'cronjob-controller';
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
}
interface ObjectRefLite {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/**
 * The CronJob controller (`cronjob_controllerv2.go`): on each scheduled time (in the CronJob's
 * time zone, on the simulation's clock) it creates a Job `<name>-<scheduled time in minutes>`
 * unless suspended, past startingDeadlineSeconds or held back by concurrencyPolicy
 * (Forbid skips, Replace deletes the running Job), tracks `active`, `lastScheduleTime` and
 * `lastSuccessfulTime`, and keeps successful/failed history within the limits.
 */
export function startCronJobController(ctx: ControllerContext): void {
  const cronjobs = ctx.informer(CRONJOB);
  const jobs = ctx.informer(JOB);
  const queue = ctx.queue('cronjob', (key) => reconcile(key));
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (j: KubeObject) => {
    const ref = controllerOf(j);
    if (ref?.kind === 'CronJob') queue.add(`${j.metadata.namespace}/${ref.name}`);
  };
  cronjobs.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  jobs.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const cj = cronjobs.get(ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const spec = (cj.spec ?? {}) as CronJobSpec;
    const old = (cj.status ?? {}) as {
      active?: ObjectRefLite[];
      lastScheduleTime?: string;
      lastSuccessfulTime?: string;
    };
    const status = structuredClone(old);
    const now = ctx.now();
    const owned = jobs.ownedBy(cj.metadata.uid).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const finished = (j: KubeObject) =>
      ((j.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
        (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      );

    // Active list: running Jobs we own; finished ones leave it with SawCompletedJob.
    const active: ObjectRefLite[] = [];
    for (const j of owned) {
      const done = finished(j);
      const listed = old.active?.some((a) => a.uid === j.metadata.uid);
      if (!done) {
        if (!j.metadata.deletionTimestamp)
          active.push(old.active?.find((a) => a.uid === j.metadata.uid) ?? refOf(j));
        continue;
      }
      if (listed)
        ctx.event(
          cj,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${j.metadata.name}, condition: ${done.type}`,
          MANAGER,
        );
      if (done.type === 'Complete') {
        const t = (j.status as { completionTime?: string }).completionTime;
        if (t && (!status.lastSuccessfulTime || t > status.lastSuccessfulTime)) status.lastSuccessfulTime = t;
      }
    }
    status.active = active;
    await history(cj, owned, finished, spec);

    let schedule: Schedule;
    try {
      schedule = new Schedule(spec.schedule ?? '', spec.timeZone);
    } catch (err) {
      if (err instanceof ScheduleError) {
        ctx.event(
          cj,
          'Warning',
          'UnparseableSchedule',
          `unparseable schedule: "${spec.schedule}" : ${err.message}`,
          MANAGER,
        );
        await writeStatus(cj, status, old);
        return;
      }
      throw err;
    }
    const since = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
    const { time, missed } = schedule.mostRecent(since, now);
    if (time !== undefined && !spec.suspend) {
      if (missed > 100)
        ctx.event(
          cj,
          'Warning',
          'TooManyMissedTimes',
          'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
          MANAGER,
        );
      const tooLate =
        spec.startingDeadlineSeconds !== undefined && time + spec.startingDeadlineSeconds * 1000 < now;
      const jobName = `${cj.metadata.name}-${Math.floor(time / 60_000)}`;
      if (tooLate) {
        ctx.event(
          cj,
          'Warning',
          'MissSchedule',
          `Missed scheduled time to start a job: ${rfc3339(time)}`,
          MANAGER,
        );
      } else if (active.length > 0 && spec.concurrencyPolicy === 'Forbid') {
        // Skipped: the next schedule is tried when the running Job finishes or time comes.
      } else if (!jobs.get(ns, jobName)) {
        if (active.length > 0 && spec.concurrencyPolicy === 'Replace') {
          for (const a of active) {
            await ctx.remove(
              JOB,
              { namespace: ns, name: a.name ?? '' },
              { propagationPolicy: 'Background', fieldManager: MANAGER },
            );
            ctx.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`, MANAGER);
          }
          status.active = [];
        }
        const created = await ctx.create(jobFor(cj, spec, jobName, time), MANAGER);
        ctx.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, MANAGER);
        status.active = [...(status.active ?? []), refOf(created)];
        status.lastScheduleTime = rfc3339(time);
      } else status.lastScheduleTime = rfc3339(time);
    }
    await writeStatus(cj, status, old);
    const next = schedule.next(now);
    return next !== undefined ? { requeueAfterMs: Math.max(1, next - now + 100) } : undefined;
  };

  const history = async (
    cj: KubeObject,
    owned: KubeObject[],
    finished: (j: KubeObject) => Condition | undefined,
    spec: CronJobSpec,
  ) => {
    const prune = async (type: string, limit: number) => {
      const done = owned
        .filter((j) => finished(j)?.type === type && !j.metadata.deletionTimestamp)
        .sort((a, b) =>
          ((a.status as { startTime?: string }).startTime ?? '').localeCompare(
            (b.status as { startTime?: string }).startTime ?? '',
          ),
        );
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        await ctx.remove(
          JOB,
          { namespace: j.metadata.namespace ?? '', name: j.metadata.name ?? '' },
          { propagationPolicy: 'Background', fieldManager: MANAGER },
        );
        ctx.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, MANAGER);
      }
    };
    await prune('Complete', spec.successfulJobsHistoryLimit ?? 3);
    await prune('Failed', spec.failedJobsHistoryLimit ?? 1);
  };

  const writeStatus = async (
    cj: KubeObject,
    status: Record<string, unknown> & { active?: ObjectRefLite[] },
    old: unknown,
  ) => {
    if (status.active?.length === 0) delete status.active;
    if (JSON.stringify(status) === JSON.stringify(old)) return;
    const copy = structuredClone(cj);
    copy.status = status;
    await ctx.updateStatus(copy, MANAGER);
  };
}

function jobFor(cj: KubeObject, spec: CronJobSpec, name: string, time: number): KubeObject {
  const t = structuredClone(spec.jobTemplate ?? {});
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}),
      annotations: { ...t.metadata?.annotations, [SCHEDULED_ANNOTATION]: rfc3339(time) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: t.spec ?? {},
  };
}

function refOf(j: KubeObject): ObjectRefLite {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: j.metadata.name,
    namespace: j.metadata.namespace,
    uid: j.metadata.uid,
    resourceVersion: j.metadata.resourceVersion,
  };
}
