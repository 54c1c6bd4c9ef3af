/**
 * Deleting (pruning) objects (fluxcd/pkg `ssa` `manager_delete.go`): in the order given (callers
 * pass reverse apply order), each re-read first — already gone is nothing to do, an object that no
 * longer passes `inclusion` (Flux: its owner labels name another Kustomization) or that matches
 * `exclusion` (Flux `prune: disabled`) is left alone — then deleted with the propagation policy
 * (Argo CD prunes in the foreground, Flux in the background). Failures are collected, not thrown,
 * so one refused delete does not keep the others; with `wait` the call returns once every deleted
 * object is gone from the server.
 */
import { CapstanError, errorMessage, formatRef, sleep, type KubeObject } from '../../core/index.ts';
import type { KubeClient, KubeReader, KubeWriter, PropagationPolicy } from '../../kube/index.ts';
import { ChangeSet } from './changeset.ts';

export interface DeleteAllOptions {
  signal: AbortSignal;
  client: Pick<KubeClient, keyof KubeWriter | keyof KubeReader>;
  propagationPolicy: PropagationPolicy;
  dryRun: boolean;
  /** Delete only live objects this accepts (Flux: the owner labels still name us). */
  inclusion: ((live: KubeObject) => boolean) | undefined;
  /** Never delete live objects this accepts (Flux: `kustomize.toolkit.fluxcd.io/prune: disabled`). */
  exclusion: ((live: KubeObject) => boolean) | undefined;
  /** Wait until deleted objects are gone (finalizers done). */
  wait: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
}

export const defaultDeleteAllOptions: Omit<DeleteAllOptions, 'signal' | 'client'> = {
  propagationPolicy: 'Background',
  dryRun: false,
  inclusion: undefined,
  exclusion: undefined,
  wait: false,
  timeoutMs: 60_000,
  pollIntervalMs: 500,
};

export function keyOfObject(obj: KubeObject) {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  };
}

/**
 * Deletes `objects` in order. The ChangeSet has `pruned` for deletes (and dry-run deletes),
 * `skipped` for objects left alone, `failed` for refusals; objects already gone are not listed.
 */
export async function deleteAll(
  objects: readonly KubeObject[],
  options: Partial<DeleteAllOptions> & Pick<DeleteAllOptions, 'signal' | 'client'>,
): Promise<ChangeSet> {
  const o: DeleteAllOptions = { ...defaultDeleteAllOptions, ...options };
  const cs = new ChangeSet();
  const deleted: KubeObject[] = [];
  for (const obj of objects) {
    try {
      const live = await o.client.get(keyOfObject(obj), { signal: o.signal });
      if (!live) continue;
      if ((o.inclusion && !o.inclusion(live)) || o.exclusion?.(live)) {
        cs.add(obj, 'skipped');
        continue;
      }
      if (live.metadata.deletionTimestamp) {
        cs.add(obj, 'pruned');
        deleted.push(obj);
        continue;
      }
      await o.client.delete(keyOfObject(obj), {
        signal: o.signal,
        propagationPolicy: o.propagationPolicy,
        ...(o.dryRun && { dryRun: 'All' as const }),
        ...(live.metadata.uid && { preconditions: { uid: live.metadata.uid } }),
      });
      cs.add(obj, 'pruned');
      deleted.push(obj);
    } catch (err) {
      if (o.signal.aborted) throw err;
      cs.add(obj, 'failed', `delete failed: ${errorMessage(err).replace(/^[^:]*: delete failed: /, '')}`);
    }
  }
  if (o.wait && !o.dryRun) await waitForTermination(deleted, o);
  return cs;
}

/** Resolves once none of `objects` exists; rejects with the ones left after `timeoutMs`. */
export async function waitForTermination(
  objects: readonly KubeObject[],
  options: Pick<DeleteAllOptions, 'signal' | 'client' | 'timeoutMs' | 'pollIntervalMs'>,
): Promise<void> {
  const end = Date.now() + options.timeoutMs;
  let left = [...objects];
  for (;;) {
    const still: KubeObject[] = [];
    for (const obj of left) {
      if (await options.client.get(keyOfObject(obj), { signal: options.signal })) still.push(obj);
    }
    left = still;
    if (left.length === 0) return;
    if (Date.now() > end)
      throw new TerminationTimeoutError(
        left.map((l) => formatRef(l)),
        options.timeoutMs,
      );
    await sleep(options.pollIntervalMs, options.signal);
  }
}

export class TerminationTimeoutError extends CapstanError {
  constructor(subjects: string[], timeoutMs: number) {
    super(`${subjects[0] ?? ''}: still terminating after ${timeoutMs} ms: [${subjects.join(', ')}]`, {
      code: 'TERMINATION_TIMEOUT',
    });
  }
}
