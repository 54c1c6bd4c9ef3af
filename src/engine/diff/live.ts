/**
 * Diffing an application against the live cluster. In `server-side` mode (the default; Argo CD's
 * `ServerSideDiff=true`, Flux's only mode) every desired object that exists is dry-run applied
 * with the engine's field manager and the server's answer is compared with the live object, so
 * defaults, admission and SSA merging are the server's own. `legacy` mode is Argo CD's three-way
 * diff with the last-applied annotation, computed locally. Objects missing from the cluster are
 * never dry-run (Argo CD: "not used for resources being created"), so a missing CRD costs nothing.
 *
 * Cost: all dry-runs of one call form one batch (run `concurrency` at a time); with a `DiffMemo`
 * an object whose desired state, live resourceVersion and rules are unchanged since the last call
 * is not asked again, so a reconcile where nothing changed makes no API calls at all.
 */
import { createHash } from 'node:crypto';
import { errorMessage, formatRef, type KubeObject } from '../../core/index.ts';
import type { KubeWriter } from '../../kube/index.ts';
import { keyOf, formatKey } from '../object/key.ts';
import { mapLimit } from '../object/parallel.ts';
import { compareObject, type CompareOptions, type ObjectDiff, type SyncStatusCode } from './compare.ts';
import { dryRunApply } from './dry-run.ts';
import { matchingRules, trustedManagers } from './ignore.ts';

export type DiffMode = 'server-side' | 'legacy';

/** An object's result; `error` (status Unknown) when the server refused the dry run. */
export interface LiveObjectDiff extends ObjectDiff {
  error?: string;
}

export interface LiveDiffResult {
  diffs: LiveObjectDiff[];
  /** Unknown if any comparison failed, else OutOfSync if anything differs, else Synced. */
  status: SyncStatusCode;
  /** Dry-run requests sent, and the batches they went in (0 or 1). */
  dryRuns: number;
  batches: number;
}

export interface LiveDiffOptions {
  signal: AbortSignal;
  /** Where dry runs go (a `KubeClient`). */
  client: KubeWriter;
  /** `argocd-controller` for Argo CD applications, `kustomize-controller` for Flux. */
  fieldManager: string;
  mode: DiffMode;
  force: boolean;
  concurrency: number;
  /** Remembers results between calls for one application; see `DiffMemo`. */
  memo: DiffMemo | undefined;
  /** ignoreDifferences, jq, status comparison. */
  compare: Partial<Omit<CompareOptions, 'signal'>>;
  /**
   * The live object with its managedFields, for `managedFieldsManagers` rules when the live
   * objects given are stripped cache copies (`cache.getWithManagedFields`).
   */
  withManagedFields: ((live: KubeObject) => KubeObject | undefined) | undefined;
}

export const defaultLiveDiffOptions: Omit<LiveDiffOptions, 'signal' | 'client'> = {
  fieldManager: 'argocd-controller',
  mode: 'server-side',
  force: true,
  concurrency: 16,
  memo: undefined,
  compare: {},
  withManagedFields: undefined,
};

/** Per-application memory of results, keyed by what they depend on. Holds one entry per object. */
export class DiffMemo {
  readonly #entries = new Map<string, { fingerprint: string; diff: LiveObjectDiff }>();

  get size(): number {
    return this.#entries.size;
  }

  get(id: string, fingerprint: string): LiveObjectDiff | undefined {
    const e = this.#entries.get(id);
    return e && e.fingerprint === fingerprint ? e.diff : undefined;
  }

  set(id: string, fingerprint: string, diff: LiveObjectDiff): void {
    this.#entries.set(id, { fingerprint, diff });
  }

  /** Forgets objects no longer diffed. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.#entries.keys()) if (!ids.has(id)) this.#entries.delete(id);
  }
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');

export interface DiffPair {
  target: KubeObject | undefined;
  live: KubeObject | undefined;
}

export async function diffResources(
  pairs: readonly DiffPair[],
  options: Partial<LiveDiffOptions> & Pick<LiveDiffOptions, 'signal' | 'client'>,
): Promise<LiveDiffResult> {
  const o: LiveDiffOptions = { ...defaultLiveDiffOptions, ...options };
  const compare = { ...o.compare, signal: o.signal };
  const rulesHash = sha1(JSON.stringify(o.compare.ignoreDifferences ?? []) + String(o.compare.compareStatus));
  const diffs = new Array<LiveObjectDiff>(pairs.length);
  const ids = new Set<string>();
  const toDryRun: { index: number; id: string; fingerprint: string }[] = [];

  const finish = (index: number, id: string, fingerprint: string | undefined, result: LiveObjectDiff) => {
    // Both sides of a Synced result are equal: keep one copy (memos can hold thousands).
    const diff =
      result.status === 'Synced' && result.normalizedLive
        ? { ...result, normalizedDesired: result.normalizedLive }
        : result;
    diffs[index] = diff;
    if (fingerprint !== undefined) o.memo?.set(id, fingerprint, diff);
  };
  const liveFor = (target: KubeObject, live: KubeObject) => {
    const rules = matchingRules(o.compare.ignoreDifferences ?? [], target);
    if (trustedManagers(rules).length === 0 || live.metadata.managedFields) return live;
    return o.withManagedFields?.(live) ?? live;
  };

  for (let i = 0; i < pairs.length; i++) {
    const { target, live } = pairs[i]!;
    const obj = (target ?? live)!;
    const id = formatKey(keyOf(obj));
    ids.add(id);
    if (!target || !live) {
      diffs[i] = await compareObject({ desired: target, live }, compare);
      continue;
    }
    const fingerprint = [
      live.metadata.uid,
      live.metadata.resourceVersion,
      o.mode,
      o.fieldManager,
      o.force,
      rulesHash,
      sha1(JSON.stringify(target)),
    ].join('|');
    const remembered = o.memo?.get(id, fingerprint);
    if (remembered) diffs[i] = remembered;
    else if (o.mode === 'legacy') {
      finish(
        i,
        id,
        fingerprint,
        await compareObject({ desired: target, live: liveFor(target, live) }, compare),
      );
    } else toDryRun.push({ index: i, id, fingerprint });
  }

  await mapLimit(toDryRun, o.concurrency, o.signal, async ({ index, id, fingerprint }) => {
    const { target, live } = pairs[index] as { target: KubeObject; live: KubeObject };
    let predictedLive: KubeObject;
    try {
      predictedLive = await dryRunApply(o.client, target, {
        signal: o.signal,
        fieldManager: o.fieldManager,
        force: o.force,
        fieldValidation: undefined,
      });
    } catch (err) {
      if (o.signal.aborted) throw err;
      const failed = await compareObject({ desired: target, live }, compare);
      // Not remembered: the next reconcile asks again.
      diffs[index] = {
        ...failed,
        status: 'Unknown',
        error: errorMessage(err) || `${formatRef(target)}: dry run failed`,
      };
      return;
    }
    finish(
      index,
      id,
      fingerprint,
      await compareObject({ desired: target, live: liveFor(target, live), predictedLive }, compare),
    );
  });

  o.memo?.retain(ids);
  const status: SyncStatusCode = diffs.some((d) => d.status === 'Unknown')
    ? 'Unknown'
    : diffs.some((d) => d.status === 'OutOfSync')
      ? 'OutOfSync'
      : 'Synced';
  return { diffs, status, dryRuns: toDryRun.length, batches: toDryRun.length > 0 ? 1 : 0 };
}
