/**
 * The legacy diff's prediction of the live object after `kubectl apply` (Argo CD's three-way
 * diff): kubectl's three-way patch from the last-applied configuration, the desired object and the
 * live one, applied to live — a strategic merge patch for built-in kinds (merge keys and strategies
 * from kube's schema), a JSON merge patch for custom resources — then the server's known defaults.
 * Changes from Git win, fields removed from Git since the last apply go, fields only the cluster set
 * stay. Without a readable last-applied annotation it is a two-way merge, as in Argo CD.
 */
import type { KubeObject } from '../../core/index.ts';
import {
  applyMergePatch,
  createMergePatch,
  createThreeWayMergePatch,
  schemaFor,
  strategicMergePatch,
  type JsonObject,
} from '../../kube/index.ts';
import { LAST_APPLIED } from '../object/annotations.ts';
import { isObject } from '../object/path.ts';
import { applyKnownDefaults } from './defaults.ts';
import { cloneJson } from './normalize.ts';

function lastApplied(live: KubeObject): JsonObject | undefined {
  const raw = live.metadata.annotations?.[LAST_APPLIED];
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined; // a broken annotation degrades to a two-way diff, as in Argo CD
  }
}

/** Only the additions and changes of a merge patch (its nulls are deletions). */
function changesOf(patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) continue;
    if (isObject(v)) {
      const inner = changesOf(v) as JsonObject;
      if (Object.keys(inner).length > 0 || Object.keys(v).length === 0) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

/** Only the deletions of a merge patch. */
function deletionsOf(patch: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(patch)) return out;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out[k] = null;
    else if (isObject(v)) {
      const inner = deletionsOf(v);
      if (Object.keys(inner).length > 0) out[k] = inner;
    }
  }
  return out;
}

function mergePatches(base: JsonObject, over: unknown): unknown {
  if (!isObject(over)) return over;
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? mergePatches(b, v) : v;
  }
  return out;
}

/** kubectl's `CreateThreeWayJSONMergePatch` for kinds without a strategic-merge schema. */
export function threeWayJsonMergePatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
): unknown {
  const delta = changesOf(createMergePatch(current, modified));
  const deletions = original ? deletionsOf(createMergePatch(original, modified)) : {};
  return mergePatches(deletions, delta);
}

/** What `kubectl apply` of `desired` over `live` would store, as the legacy diff compares it. */
export function predictByMerge(desired: KubeObject, live: KubeObject): KubeObject {
  const last = lastApplied(live);
  let predicted: KubeObject;
  try {
    const schema = schemaFor(desired);
    predicted = schema
      ? (strategicMergePatch(
          live,
          createThreeWayMergePatch(last, desired, live, schema),
          schema,
        ) as KubeObject)
      : applyMergePatch<KubeObject>(live, threeWayJsonMergePatch(last, desired, live));
  } catch {
    // A patch kubectl could not build or the server would refuse: compare with Git as it is.
    predicted = cloneJson(desired);
  }
  applyKnownDefaults(predicted);
  return predicted;
}
