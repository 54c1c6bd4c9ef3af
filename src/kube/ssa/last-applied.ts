import type { KubeObject } from '../../core/index.ts';
import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { compareValues } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { goJson } from './go-json.ts';
import { toFieldSet } from './to-field-set.ts';

/** The annotation client-side apply keeps its last configuration in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The largest total size of an object's annotations (apimachinery `TotalAnnotationSizeLimitB`). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function lastAppliedOf(obj: unknown): string | undefined {
  const meta = isObject(obj) ? obj.metadata : undefined;
  const annotations = isObject(meta) ? meta.annotations : undefined;
  const value = isObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The fields a `kubectl` apply may take over without a conflict when moving from client-side to
 * server-side apply (apimachinery `lastAppliedManager`): those of the last-applied configuration
 * whose values still match the live object. Undefined when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(
  live: unknown,
  schema: SchemaNode,
  apiVersion: string,
): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
  const set = toFieldSet(lastApplied, schema).set;
  const c = compareValues(lastApplied, live, schema);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}

/**
 * Rewrites the last-applied annotation of `result` from the applied configuration after a
 * successful `kubectl` apply (apimachinery `lastAppliedUpdater`), when the object has one. The
 * value is Go's JSON of the configuration without the annotation, keys sorted, with a newline.
 */
export function updateLastApplied(result: KubeObject, config: KubeObject): void {
  if (lastAppliedOf(result) === undefined) return;
  const copy = JSON.parse(JSON.stringify(config)) as KubeObject;
  const annotations = copy.metadata?.annotations;
  if (annotations) delete annotations[LAST_APPLIED_ANNOTATION];
  const value = `${goJson(copy)}\n`;
  // A fresh map: the result may share its annotations with the live object.
  const target: Record<string, string> = { ...result.metadata.annotations, [LAST_APPLIED_ANNOTATION]: value };
  result.metadata.annotations = target;
  let size = 0;
  for (const [k, v] of Object.entries(target)) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) delete target[LAST_APPLIED_ANNOTATION];
}
