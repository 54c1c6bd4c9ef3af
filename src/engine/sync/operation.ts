/**
 * The shape of a sync operation's record, as Argo CD writes it to `status.operationState` (so
 * existing tooling reads ours unchanged), and the rules that turn health into task progress.
 */
import { parseApiVersion } from '../../core/index.ts';
import type { HealthStatus } from '../health/status.ts';
import type { HookType } from './hooks.ts';
import type { SyncPhase } from './phases.ts';
import { isHookTask, taskObject, type SyncTask } from './task.ts';

export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';

/** `status.operationState.syncResult.resources[]`. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: ResultCode;
  message: string;
  hookType?: HookType;
  hookPhase?: OperationPhase;
  syncPhase: SyncPhase;
  images?: string[];
}

export interface SyncOperationResult {
  resources: ResourceResult[];
  revision: string;
  revisions?: string[];
}

/** `status.operationState`. */
export interface OperationState {
  operation: Record<string, unknown>;
  phase: OperationPhase;
  message: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: SyncOperationResult;
}

export function isCompleted(phase: OperationPhase): boolean {
  return phase === 'Failed' || phase === 'Error' || phase === 'Succeeded';
}

export function resourceResult(
  task: SyncTask,
  status: ResultCode,
  message: string,
  hookPhase?: OperationPhase,
): ResourceResult {
  const obj = taskObject(task);
  const { group, version } = parseApiVersion(obj.apiVersion);
  return {
    group,
    version,
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    status,
    message,
    ...(task.hookType && { hookType: task.hookType }),
    ...(hookPhase && { hookPhase }),
    syncPhase: task.phase,
  };
}

/**
 * A hook's progress from its health (gitops-engine `getOperationPhase`): Healthy → Succeeded,
 * Progressing or Suspended → Running, Degraded or Unknown → Failed; no health check → Succeeded
 * ("<name> created").
 */
export function hookPhaseFromHealth(
  name: string,
  health: HealthStatus | undefined,
): { phase: OperationPhase; message: string } {
  if (!health) return { phase: 'Succeeded', message: `${name} created` };
  const message = health.message ?? '';
  switch (health.status) {
    case 'Healthy':
      return { phase: 'Succeeded', message };
    case 'Progressing':
    case 'Suspended':
      return { phase: 'Running', message };
    case 'Degraded':
    case 'Unknown':
      return { phase: 'Failed', message };
    default:
      return { phase: 'Succeeded', message: `${name} created` };
  }
}

/**
 * A plain resource's progress while a multi-step sync waits: Healthy (or no health check) →
 * Succeeded, Degraded → Failed, anything else keeps Running.
 */
export function resourcePhaseFromHealth(health: HealthStatus | undefined): OperationPhase {
  if (!health || health.status === 'Healthy') return 'Succeeded';
  return health.status === 'Degraded' ? 'Failed' : 'Running';
}

/** "waiting for healthy state of apps/Deployment/web and 2 more resources" (gitops-engine `setRunningPhase`). */
export function waitingMessage(tasks: readonly SyncTask[], pendingDeletion = false): string {
  const first = tasks[0];
  if (!first) return '';
  const hook = isHookTask(first);
  const waitingFor = pendingDeletion ? 'deletion of' : hook ? 'completion of hook' : 'healthy state of';
  const obj = taskObject(first);
  let message = `waiting for ${waitingFor} ${parseApiVersion(obj.apiVersion).group}/${obj.kind}/${obj.metadata.name ?? ''}`;
  if (tasks.length > 1) message += ` and ${tasks.length - 1} more ${hook ? 'hooks' : 'resources'}`;
  return message;
}
