/**
 * `RespectIgnoreDifferences=true`: before applying, copy the live values of ignored fields into the
 * desired object, so that a sync does not overwrite what the user told Argo CD to ignore (an HPA's
 * `spec.replicas`, a webhook's `caBundle`). Ignored fields Git sets but the cluster does not have
 * are removed. Only for objects that exist; a new object is applied as Git says.
 */
import type { KubeObject } from '../../core/index.ts';
import { getPath, setPath, type PathElement } from '../object/path.ts';
import {
  ignoredPaths,
  matchingRules,
  ownedPaths,
  trustedManagers,
  type IgnoreDifferences,
} from './ignore.ts';
import type { JqEngine } from './jq.ts';
import { cloneJson } from './normalize.ts';
import { removePaths } from './remove.ts';

export interface RespectOptions {
  signal: AbortSignal;
  jq: JqEngine | undefined;
  jqTimeoutMs?: number;
  onError?: (message: string) => void;
}

export async function respectIgnoreDifferences(
  desired: KubeObject,
  live: KubeObject | undefined,
  rules: readonly IgnoreDifferences[],
  options: RespectOptions,
): Promise<KubeObject> {
  if (!live) return desired;
  const matched = matchingRules(rules, desired);
  if (matched.length === 0) return desired;
  const out = cloneJson(desired);
  const opts = {
    signal: options.signal,
    jq: options.jq,
    jqTimeoutMs: options.jqTimeoutMs,
    onError: options.onError,
  };
  const inLive = [
    ...(await ignoredPaths(live, matched, opts)),
    ...ownedPaths(live, live, trustedManagers(matched)),
  ];
  const inDesired = await ignoredPaths(out, matched, opts);
  const key = (p: readonly PathElement[]) => JSON.stringify(p);
  const liveKeys = new Set(inLive.map(key));
  removePaths(
    out,
    inDesired.filter((p) => !liveKeys.has(key(p))),
  );
  for (const p of inLive) setPath(out, p, cloneJson(getPath(live, p)));
  return out;
}
