/**
 * Waiting for a set of objects to become ready (fluxcd/pkg `ssa` `manager_wait.go`): poll each
 * object and judge it with kstatus until all are Current. With `failFast` (Flux's default since
 * 2.1) the first Failed object ends the wait early. Jobs that ran to completion and were
 * garbage-collected by their TTL count as Current. Messages are Flux's:
 * `timeout waiting for: [Deployment/shop/web status: 'InProgress': …]`.
 */
import { CapstanError, formatRef, sleep, throwIfAborted, type KubeObject } from '../../core/index.ts';
import type { KubeReader } from '../../kube/index.ts';
import type { FluxHealthChecks } from '../health/kstatus/cel.ts';
import { computeStatus } from '../health/kstatus/compute.ts';
import type { KStatusResult } from '../health/kstatus/status.ts';
import { keyOfObject } from './delete.ts';

export interface WaitOptions {
  signal: AbortSignal;
  /** Where objects are read (a `ClusterCache`'s reader reads from memory). */
  reader: KubeReader;
  timeoutMs: number;
  pollIntervalMs: number;
  failFast: boolean;
  /** Flux `healthCheckExprs`, compiled. */
  cel: FluxHealthChecks | undefined;
}

export const defaultWaitOptions: Omit<WaitOptions, 'signal' | 'reader'> = {
  timeoutMs: 60_000,
  pollIntervalMs: 2000,
  failFast: true,
  cel: undefined,
};

export class WaitError extends CapstanError {
  readonly results: readonly { object: KubeObject; status: KStatusResult }[];

  constructor(
    message: string,
    code: 'WAIT_TIMEOUT' | 'WAIT_FAILED',
    results: readonly { object: KubeObject; status: KStatusResult }[],
  ) {
    super(message, { code });
    this.results = results;
  }
}

function describe(results: readonly { object: KubeObject; status: KStatusResult }[]): string {
  return `[${results.map((r) => `${formatRef(r.object)} status: '${r.status.status}': ${r.status.message}`).join(', ')}]`;
}

/** Resolves when every object is Current; rejects with a `WaitError` otherwise. */
export async function waitForSet(
  objects: readonly KubeObject[],
  options: Partial<WaitOptions> & Pick<WaitOptions, 'signal' | 'reader'>,
): Promise<void> {
  const o: WaitOptions = { ...defaultWaitOptions, ...options };
  const end = Date.now() + o.timeoutMs;
  let pending = [...objects];
  for (;;) {
    throwIfAborted(o.signal);
    const notReady: { object: KubeObject; status: KStatusResult }[] = [];
    for (const obj of pending) {
      const live = await o.reader.get(keyOfObject(obj), { signal: o.signal });
      let status = computeStatus(live, { cel: o.cel });
      if (!live && obj.kind === 'Job' && obj.apiVersion === 'batch/v1')
        status = { status: 'Current', message: 'Job deleted after completion' };
      if (status.status !== 'Current') notReady.push({ object: obj, status });
    }
    if (notReady.length === 0) return;
    const failed = notReady.filter((r) => r.status.status === 'Failed');
    if (o.failFast && failed.length > 0) {
      throw new WaitError(
        `${formatRef(failed[0]!.object)}: failed early due to stalled resources: ${describe(failed)}`,
        'WAIT_FAILED',
        failed,
      );
    }
    if (Date.now() >= end) {
      throw new WaitError(
        `${formatRef(notReady[0]!.object)}: timeout waiting for: ${describe(notReady)}`,
        'WAIT_TIMEOUT',
        notReady,
      );
    }
    pending = notReady.map((r) => r.object);
    await sleep(Math.min(o.pollIntervalMs, Math.max(0, end - Date.now())), o.signal);
  }
}
