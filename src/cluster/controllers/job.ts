import type { KubeObject } from '../../core/index.ts';
import { parseTime, rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { JOB, POD } from './shared/kinds.ts';
import { controllerOf, controllerRef } from './shared/owner.ts';
import { isReady, podFromTemplate, podStatus, type Condition } from './shared/pods.ts';

const MANAGER = 'job-controller';
/** The Job controller's pod-failure back-off: 10 s doubling up to 6 min (real ms, paced). */
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

interface JobSpec {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  template?: {
    metadata?: Record<string, unknown>;
    spec?: { restartPolicy?: string } & Record<string, unknown>;
  };
}
interface JobStatus {
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, unknown>;
  completedIndexes?: string;
}

/**
 * The Job controller: runs pods until `completions` succeeded (at most `parallelism` at once),
 * replaces failed ones with the controller's back-off until `backoffLimit`, honours
 * activeDeadlineSeconds, suspend and ttlSecondsAfterFinished, and finishes with the
 * conditions of Kubernetes 1.31: `SuccessCriteriaMet` then `Complete`, or `FailureTarget` then
 * `Failed` (reason BackoffLimitExceeded or DeadlineExceeded).
 */
export function startJobController(ctx: ControllerContext): void {
  const jobs = ctx.informer(JOB);
  const pods = ctx.informer(POD);
  const queue = ctx.queue('job', (key) => reconcile(key));
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (p: KubeObject) => {
    const ref = controllerOf(p);
    if (ref?.kind === 'Job') queue.add(`${p.metadata.namespace}/${ref.name}`);
  };
  jobs.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  pods.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const job = jobs.get(ns, name);
    if (!job) return;
    const spec = (job.spec ?? {}) as JobSpec;
    const old = (job.status ?? {}) as JobStatus;
    const now = ctx.now();
    const finished = old.conditions?.find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (finished) return ttl(job, spec, old, now);
    const owned = pods.ownedBy(job.metadata.uid).filter((p) => controllerOf(p)?.uid === job.metadata.uid);
    const phase = (p: KubeObject) => podStatus(p).phase;
    const active = owned.filter(
      (p) => !p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed',
    );
    const onFailureRestarts =
      (spec.template?.spec?.restartPolicy ?? 'Never') === 'OnFailure'
        ? active.reduce(
            (n, p) =>
              n + (podStatus(p).containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0),
            0,
          )
        : 0;
    const succeeded = Math.max(old.succeeded ?? 0, owned.filter((p) => phase(p) === 'Succeeded').length);
    const failedPods = Math.max(old.failed ?? 0, owned.filter((p) => phase(p) === 'Failed').length);
    const parallelism = spec.parallelism ?? 1;
    const completions = spec.completions ?? (spec.parallelism === undefined ? 1 : undefined);
    const backoffLimit = spec.backoffLimit ?? 6;
    const status: JobStatus = structuredClone(old);
    status.startTime ??= rfc3339(now);
    let conditions = status.conditions ?? [];
    const cond = (type: string, reason: string, message: string): Condition => ({
      type,
      status: 'True',
      lastProbeTime: rfc3339(now),
      lastTransitionTime: rfc3339(now),
      reason,
      message,
    });
    let requeue: number | undefined;
    let failure: { reason: string; message: string } | undefined;
    if (failedPods + onFailureRestarts > backoffLimit)
      failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    const started = parseTime(status.startTime) ?? now;
    if (!failure && spec.activeDeadlineSeconds !== undefined) {
      if (started + spec.activeDeadlineSeconds * 1000 <= now)
        failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      else requeue = started + spec.activeDeadlineSeconds * 1000 - now;
    }
    const complete =
      completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
    if (failure) {
      if (!conditions.some((c) => c.type === 'FailureTarget')) {
        conditions = [...conditions, cond('FailureTarget', failure.reason, failure.message)];
        ctx.event(job, 'Warning', failure.reason, failure.message, MANAGER);
      }
      for (const p of active) await deletePod(job, p);
      if (active.length === 0) {
        conditions = [...conditions, cond('Failed', failure.reason, failure.message)];
      }
    } else if (complete) {
      if (!conditions.some((c) => c.type === 'SuccessCriteriaMet'))
        conditions = [
          ...conditions,
          cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
        ];
      for (const p of active) await deletePod(job, p);
      if (active.length === 0) {
        conditions = [
          ...conditions,
          cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
        ];
        status.completionTime = rfc3339(now);
        ctx.event(job, 'Normal', 'Completed', 'Job completed', MANAGER);
      }
    } else if (spec.suspend) {
      for (const p of active) await deletePod(job, p);
      if (!conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
        conditions = [
          ...conditions.filter((c) => c.type !== 'Suspended'),
          cond('Suspended', 'JobSuspended', 'Job suspended'),
        ];
        ctx.event(job, 'Normal', 'Suspended', 'Job suspended', MANAGER);
      }
    } else {
      if (conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
        conditions = conditions.map((c) =>
          c.type === 'Suspended'
            ? {
                ...c,
                status: 'False',
                reason: 'JobResumed',
                message: 'Job resumed',
                lastTransitionTime: rfc3339(now),
              }
            : c,
        );
        ctx.event(job, 'Normal', 'Resumed', 'Job resumed', MANAGER);
      }
      const remaining = completions !== undefined ? completions - succeeded : parallelism;
      const want = Math.min(parallelism, Math.max(0, remaining)) - active.length;
      // A Job being deleted gets no new Pods (as kube's, and the ReplicaSet here): the garbage
      // collector deleting them in the foreground would otherwise race replacements forever.
      if (want > 0 && !job.metadata.deletionTimestamp) {
        // New pods after a failure wait out the controller's back-off.
        const lastFailure = Math.max(
          0,
          ...owned.filter((p) => phase(p) === 'Failed').map((p) => finishedAt(p) ?? 0),
        );
        const delay =
          failedPods > 0 ? ctx.paced(Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (failedPods - 1))) : 0;
        if (lastFailure + delay > now) requeue = Math.min(requeue ?? Infinity, lastFailure + delay - now);
        else for (let i = 0; i < want; i++) await createPod(job, spec, succeeded + active.length + i);
      }
    }
    const live = pods.ownedBy(job.metadata.uid).filter((p) => controllerOf(p)?.uid === job.metadata.uid);
    const stillActive = live.filter(
      (p) => !p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed',
    );
    status.active = stillActive.length;
    status.ready = stillActive.filter(isReady).length;
    status.terminating = live.filter((p) => p.metadata.deletionTimestamp).length;
    status.succeeded = succeeded;
    status.failed = failedPods;
    status.uncountedTerminatedPods = {};
    status.conditions = conditions;
    const out = omitZero(status);
    if (JSON.stringify(out) !== JSON.stringify(omitZero(old))) {
      const copy = structuredClone(job);
      copy.status = out;
      await ctx.updateStatus(copy, MANAGER);
    }
    return requeue !== undefined && requeue !== Infinity
      ? { requeueAfterMs: Math.max(1, requeue) }
      : undefined;
  };

  const createPod = async (job: KubeObject, spec: JobSpec, index: number) => {
    const uid = job.metadata.uid ?? '';
    const name = job.metadata.name ?? '';
    const indexed = spec.completionMode === 'Indexed';
    const pod = podFromTemplate(
      spec.template,
      job,
      {
        generateName: indexed ? `${name}-${index}-` : `${name}-`,
        labels: {
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': uid,
          'job-name': name,
          ...(indexed ? { 'batch.kubernetes.io/job-completion-index': String(index) } : {}),
        },
        ...(indexed ? { annotations: { 'batch.kubernetes.io/job-completion-index': String(index) } } : {}),
      },
      [controllerRef(job)],
    );
    const created = await ctx.create(pod, MANAGER);
    ctx.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, MANAGER);
  };

  const deletePod = async (job: KubeObject, pod: KubeObject) => {
    await ctx.remove(
      POD,
      { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
      { fieldManager: MANAGER },
    );
    ctx.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, MANAGER);
  };

  /** The TTL-after-finished controller: a finished Job goes (with its pods) once its TTL passes. */
  const ttl = async (
    job: KubeObject,
    spec: JobSpec,
    status: JobStatus,
    now: number,
  ): Promise<ReconcileResult> => {
    if (spec.ttlSecondsAfterFinished === undefined || job.metadata.deletionTimestamp) return;
    const finished =
      parseTime(status.completionTime) ??
      parseTime(status.conditions?.find((c) => c.type === 'Failed')?.lastTransitionTime) ??
      now;
    const due = finished + spec.ttlSecondsAfterFinished * 1000;
    if (due > now) return { requeueAfterMs: due - now };
    await ctx.remove(
      JOB,
      { namespace: job.metadata.namespace ?? '', name: job.metadata.name ?? '' },
      { propagationPolicy: 'Background', fieldManager: 'ttl-after-finished-controller' },
    );
    return;
  };
}

function finishedAt(p: KubeObject): number | undefined {
  const times = (podStatus(p).containerStatuses ?? []).map((c) =>
    parseTime((c.state['terminated'] as { finishedAt?: string } | undefined)?.finishedAt),
  );
  const ok = times.filter((t): t is number => t !== undefined);
  return ok.length ? Math.max(...ok) : undefined;
}

/** Go's `omitempty` for the counters of JobStatus (active, succeeded, failed are omitted at 0; ready and terminating are pointers and stay). */
function omitZero(s: JobStatus): JobStatus {
  const out: JobStatus = { ...s };
  if (!out.active) delete out.active;
  if (!out.succeeded) delete out.succeeded;
  if (!out.failed) delete out.failed;
  if (!out.conditions?.length) delete out.conditions;
  return out;
}
