/**
 * The record a running sync keeps: one `ResourceResult` per task (Argo CD's
 * `status.operationState.syncResult.resources[]`), the `ChangeSet`, the phase and message, and
 * snapshots of it all as an `OperationState` for the controller to write to the Application.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import { ChangeSet, type ChangeAction } from './changeset.ts';
import {
  resourceResult,
  type OperationPhase,
  type OperationState,
  type ResourceResult,
  type ResultCode,
} from './operation.ts';
import { taskObject, type SyncTask } from './task.ts';

/** kubectl's name of an object in messages: `deployment.apps/web`, `configmap/settings`. */
export function kubectlName(obj: KubeObject): string {
  const { group } = parseApiVersion(obj.apiVersion);
  return `${obj.kind.toLowerCase()}${group ? `.${group}` : ''}/${obj.metadata.name ?? ''}`;
}

function taskId(t: SyncTask): string {
  const o = taskObject(t);
  return `${t.phase}|${t.hookType ?? ''}|${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;
}

export class SyncProgress {
  readonly #results = new Map<string, ResourceResult>();
  readonly #changes = new Map<string, ChangeAction>();
  phase: OperationPhase = 'Running';
  message = '';
  retryCount = 0;
  readonly #operation: Record<string, unknown>;
  readonly #startedAt: Date;
  readonly #revision: string;
  finishedAt: Date | undefined;

  constructor(operation: Record<string, unknown>, startedAt: Date, revision: string) {
    this.#operation = operation;
    this.#startedAt = startedAt;
    this.#revision = revision;
  }

  /** Records (or replaces) a task's result; `change` goes to the ChangeSet once per object. */
  set(
    task: SyncTask,
    status: ResultCode,
    message: string,
    options: { hookPhase?: OperationPhase; change?: ChangeAction; images?: string[] } = {},
  ): void {
    const r = resourceResult(task, status, message, options.hookPhase);
    if (options.images && options.images.length > 0) r.images = options.images;
    this.#results.set(taskId(task), r);
    if (options.change) this.#changes.set(taskId(task), options.change);
  }

  get(task: SyncTask): ResourceResult | undefined {
    return this.#results.get(taskId(task));
  }

  /** Starts a new attempt: results of the previous one are forgotten. */
  reset(): void {
    this.#results.clear();
    this.#changes.clear();
    this.phase = 'Running';
    this.message = '';
  }

  finish(phase: OperationPhase, message: string): void {
    this.phase = phase;
    this.message = message;
    this.finishedAt = new Date();
  }

  /** The ChangeSet of everything recorded, one entry per object, in result order. */
  buildChangeSet(tasks: readonly SyncTask[], detail: (t: SyncTask) => string | undefined): ChangeSet {
    const cs = new ChangeSet();
    for (const t of tasks) {
      const action = this.#changes.get(taskId(t));
      if (action) cs.add(taskObject(t), action, action === 'failed' ? detail(t) : undefined);
    }
    return cs;
  }

  state(): OperationState {
    const out: OperationState = {
      operation: this.#operation,
      phase: this.phase,
      message: this.message,
      startedAt: this.#startedAt.toISOString(),
      syncResult: { resources: [...this.#results.values()], revision: this.#revision },
    };
    if (this.finishedAt) out.finishedAt = this.finishedAt.toISOString();
    if (this.retryCount > 0) out.retryCount = this.retryCount;
    return out;
  }
}
