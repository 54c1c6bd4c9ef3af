/**
 * kstatus for batch/Job as Flux overrides it (fluxcd/pkg runtime/statusreaders/job.go): Current
 * only once Complete (or suspended), where upstream kstatus says Current as soon as it started.
 * A health check that passes on a Job still running would let the next Kustomization start early.
 */
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { getPath, intAt, stringAt } from '../../object/path.ts';
import { current, failed, inProgress, type KStatusResult } from './status.ts';

export function jobStatus(obj: KubeObject): KStatusResult {
  if (getPath(obj, ['spec', 'suspend']) === true) return current('Job is suspended');
  const parallelism = intAt(obj, ['spec', 'parallelism'], 1);
  const completions = intAt(obj, ['spec', 'completions'], parallelism);
  const active = intAt(obj, ['status', 'active'], 0);
  const succeeded = intAt(obj, ['status', 'succeeded'], 0);
  const failedCount = intAt(obj, ['status', 'failed'], 0);
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Complete' && c.status === 'True') {
      return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    }
    if (c.type === 'Failed' && c.status === 'True') {
      return failed('JobFailed', `Job Failed. failed: ${failedCount}/${completions}`);
    }
  }
  if (stringAt(obj, ['status', 'startTime']) === '') {
    return inProgress('JobNotStarted', `Job not started. active: 0/${parallelism}`);
  }
  return inProgress(
    'JobInProgress',
    `Job in progress. success:${succeeded}, active: ${active}, failed: ${failedCount}`,
  );
}
