/**
 * `compareObject`: is one object in sync? Takes the desired object (from Git), the live one (from
 * the cluster) and, for the server-side diff, the server's dry-run apply of desired
 * (`predictedLive`, computed by the live half of the engine). Without a prediction it falls back to
 * Argo CD's legacy diff: a three-way merge with the last-applied annotation plus known defaults.
 *
 * Both sides are normalized (status and server metadata dropped), then `ignoreDifferences` remove
 * what the user told us to ignore, and what remains must be equal.
 */
import { formatRef, type KubeObject } from '../../core/index.ts';
import { maskSecretData } from '../../kube/index.ts';
import { ARGO_COMPARE_OPTIONS, annotationCsv } from '../object/annotations.ts';
import { keyOf, type ResourceKey } from '../object/key.ts';
import { isObject } from '../object/path.ts';
import { applyKnownDefaults } from './defaults.ts';
import { deepEqual } from './equal.ts';
import { ignoredPaths, matchingRules, trustedManagers, type IgnoreDifferences } from './ignore.ts';
import type { JqEngine } from './jq.ts';
import { managedDifferences } from './managed.ts';
import { defaultNormalizeOptions, normalizeObject, type NormalizeOptions } from './normalize.ts';
import { predictByMerge } from './predict.ts';
import { removeEmpty, removePaths } from './remove.ts';

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

/**
 * Why: `Unchanged` and `Modified` for objects on both sides, `Missing` for desired objects not in
 * the cluster, `RequiresPruning` for tracked live objects no longer in Git, and `Extraneous` for
 * such objects annotated `argocd.argoproj.io/compare-options: IgnoreExtraneous` (they do not make
 * the app OutOfSync).
 */
export type DiffReason = 'Unchanged' | 'Modified' | 'Missing' | 'RequiresPruning' | 'Extraneous';

export interface ObjectDiff {
  key: ResourceKey;
  /** `Kind/ns/name`, for messages. */
  subject: string;
  status: SyncStatusCode;
  reason: DiffReason;
  /**
   * The normalized, ignore-applied objects that were compared (what `renderDiff` shows). Secret
   * values are already masked here, so a result can be logged or sent to a client as it is.
   */
  normalizedDesired: KubeObject | undefined;
  normalizedLive: KubeObject | undefined;
}

export interface CompareInput {
  desired: KubeObject | undefined;
  live: KubeObject | undefined;
  /** The server's dry-run apply of `desired` over `live` (server-side diff). */
  predictedLive?: KubeObject | undefined;
}

export interface CompareOptions extends NormalizeOptions {
  signal: AbortSignal;
  ignoreDifferences: readonly IgnoreDifferences[];
  /** Required when a matching rule has jqPathExpressions. */
  jq: JqEngine | undefined;
  jqTimeoutMs: number;
  /** Receives errors of single ignore expressions, which are skipped (as Argo CD does). */
  onIgnoreError: ((message: string) => void) | undefined;
}

export const defaultCompareOptions: Omit<CompareOptions, 'signal'> = {
  ...defaultNormalizeOptions,
  ignoreDifferences: [],
  jq: undefined,
  jqTimeoutMs: 1000,
  onIgnoreError: undefined,
};

async function strip(
  obj: KubeObject,
  rules: readonly IgnoreDifferences[],
  extra: readonly (readonly (string | number)[])[],
  o: CompareOptions,
): Promise<void> {
  const paths = await ignoredPaths(obj, rules, {
    signal: o.signal,
    jq: o.jq,
    jqTimeoutMs: o.jqTimeoutMs,
    onError: o.onIgnoreError && ((m) => o.onIgnoreError?.(`${formatRef(obj)}: ${m}`)),
  });
  removePaths(obj, [...paths, ...extra]);
  removeEmpty(obj);
}

function result(
  base: Pick<ObjectDiff, 'key' | 'subject'>,
  status: SyncStatusCode,
  reason: DiffReason,
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
): ObjectDiff {
  const [maskedDesired, maskedLive] = maskSecretData([desired, live]);
  return { ...base, status, reason, normalizedDesired: maskedDesired, normalizedLive: maskedLive };
}

export async function compareObject(
  input: CompareInput,
  options: Partial<CompareOptions> & { signal: AbortSignal },
): Promise<ObjectDiff> {
  const o: CompareOptions = { ...defaultCompareOptions, ...options };
  const { desired, live } = input;
  const any = desired ?? live;
  if (!any) throw new Error('compareObject needs a desired or a live object');
  const base = { key: keyOf(any), subject: formatRef(any) };
  if (!live) {
    return result(base, 'OutOfSync', 'Missing', desired && normalizeObject(desired, o), undefined);
  }
  if (!desired) {
    const ignore = annotationCsv(live.metadata.annotations, ARGO_COMPARE_OPTIONS).includes(
      'IgnoreExtraneous',
    );
    const status = ignore ? 'Synced' : 'OutOfSync';
    return result(
      base,
      status,
      ignore ? 'Extraneous' : 'RequiresPruning',
      undefined,
      normalizeObject(live, o),
    );
  }
  const target = normalizeObject(input.predictedLive ?? predictByMerge(desired, live), o);
  const current = normalizeObject(live, o);
  if (!input.predictedLive) applyKnownDefaults(current);
  const rules = matchingRules(o.ignoreDifferences, desired);
  if (rules.length > 0) {
    const managed = managedDifferences(live, target, current, trustedManagers(rules));
    await strip(target, rules, managed.target, o);
    await strip(current, rules, managed.live, o);
  }
  const equal = deepEqual(target, current);
  return result(base, equal ? 'Synced' : 'OutOfSync', equal ? 'Unchanged' : 'Modified', target, current);
}

/** Flux's `hasDrifted`: a dry-run without resourceVersion is a new object; else compare as above. */
export function isNewObject(predictedLive: KubeObject): boolean {
  return !isObject(predictedLive.metadata) || !predictedLive.metadata.resourceVersion;
}
