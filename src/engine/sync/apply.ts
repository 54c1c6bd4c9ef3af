/**
 * Applying one object (fluxcd/pkg `ssa` `manager_apply.go`, gitops-engine `applyObject`), by the
 * method its options choose:
 *
 * - server-side apply (the default): `PATCH` `application/apply-patch+yaml` under the engine's
 *   field manager with forced conflicts;
 * - client-side apply (`ServerSideApply=false`): kubectl's three-way patch from the last-applied
 *   annotation, which is written along (strategic merge for built-in kinds, JSON merge otherwise);
 * - replace (`Replace=true`): `PUT` over the live object, or `POST` when there is none.
 *
 * An immutable-field error (a changed Deployment selector, a Job template) is returned unless
 * `force` is set (Argo CD `Force=true`, Flux `force`), which deletes the object, waits until it is
 * gone and creates it again. CRDs and Namespaces are never recreated: that would cascade to
 * everything in them. With `dryRun` nothing is written and the server's answer is what would be.
 */
import {
  CapstanError,
  errorCode,
  errorMessage,
  formatRef,
  sleep,
  type KubeObject,
} from '../../core/index.ts';
import {
  createThreeWayMergePatch,
  schemaFor,
  type KubeClient,
  type KubeReader,
  type KubeWriter,
} from '../../kube/index.ts';
import { normalizeObject } from '../diff/normalize.ts';
import { appliedConfiguration } from '../diff/dry-run.ts';
import { threeWayJsonMergePatch } from '../diff/predict.ts';
import { deepEqual } from '../diff/equal.ts';
import { LAST_APPLIED } from '../object/annotations.ts';
import { isObject } from '../object/path.ts';

export type ApplyMethod = 'server-side' | 'client-side';

export interface ApplyObjectOptions {
  signal: AbortSignal;
  client: Pick<KubeClient, keyof KubeWriter | keyof KubeReader>;
  /** `argocd-controller`, `kustomize-controller`. */
  fieldManager: string;
  method: ApplyMethod;
  /** kubectl's manager for client-side apply, so `ClientSideApplyMigration` can find its fields. */
  clientSideFieldManager: string;
  /** `Replace=true`: PUT instead of apply. */
  replace: boolean;
  /** Recreate on immutable-field errors (and, with `replace`, always). */
  force: boolean;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore' | undefined;
  dryRun: boolean;
  /** How long a recreate waits for the old object to go. */
  deleteTimeoutMs: number;
  pollIntervalMs: number;
}

export const defaultApplyObjectOptions: Omit<ApplyObjectOptions, 'signal' | 'client'> = {
  fieldManager: 'argocd-controller',
  method: 'server-side',
  clientSideFieldManager: 'kubectl-client-side-apply',
  replace: false,
  force: false,
  fieldValidation: undefined,
  dryRun: false,
  deleteTimeoutMs: 60_000,
  pollIntervalMs: 200,
};

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  action: ApplyAction;
  /** What the server stored (or, in a dry run, would store). */
  object: KubeObject;
  /** Deleted and created again because of an immutable field (or Replace with Force). */
  recreated: boolean;
  /** kubectl's word for what happened: `created`, `configured`, `unchanged`, `serverside-applied`. */
  verb: string;
}

const IMMUTABLE = /is immutable|immutable field/i;

/**
 * Whether an apply failed on a field that cannot change in place. Narrower than Flux's rule
 * (every Conflict or Invalid): recreating an object for a plain validation error would delete it
 * and fail to create it again.
 */
export function isImmutableError(err: unknown): boolean {
  const code = errorCode(err);
  if (code !== 'Invalid' && code !== 'Conflict' && code !== 'BadRequest')
    return IMMUTABLE.test(errorMessage(err));
  const causes = (err as { status?: { causes?: { message?: string }[] } }).status?.causes ?? [];
  return IMMUTABLE.test(errorMessage(err)) || causes.some((c) => IMMUTABLE.test(c.message ?? ''));
}

export class ApplyError extends CapstanError {
  constructor(obj: KubeObject, detail: string, options?: { cause?: unknown; code?: string }) {
    super(`${formatRef(obj)}: apply failed: ${detail}`, {
      code: options?.code ?? 'APPLY_FAILED',
      cause: options?.cause,
    });
  }
}

/** The server's message without the subject and verb our client puts first. */
export function reasonOf(err: unknown): string {
  return errorMessage(err).replace(/^[^:]*: (apply|create|update|patch|delete) failed: /, '');
}

/** Never recreated: deleting them would delete everything in (or of) them. */
function isDefinition(obj: KubeObject): boolean {
  return (
    (obj.kind === 'Namespace' && obj.apiVersion === 'v1') ||
    (obj.kind === 'CustomResourceDefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/'))
  );
}

function withLastApplied(obj: KubeObject): KubeObject {
  const { [LAST_APPLIED]: _old, ...annotations } = obj.metadata.annotations ?? {};
  const config = appliedConfiguration({ ...obj, metadata: { ...obj.metadata, annotations } });
  if (Object.keys(annotations).length === 0) delete config.metadata.annotations;
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...annotations, [LAST_APPLIED]: JSON.stringify(config) } },
  };
}

function lastAppliedOf(live: KubeObject): Record<string, unknown> | undefined {
  const raw = live.metadata.annotations?.[LAST_APPLIED];
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function changed(before: KubeObject, after: KubeObject): boolean {
  return !deepEqual(normalizeObject(before), normalizeObject(after));
}

async function clientSideApply(desired: KubeObject, live: KubeObject | undefined, o: ApplyObjectOptions) {
  const common = {
    signal: o.signal,
    fieldManager: o.clientSideFieldManager,
    ...(o.dryRun && { dryRun: 'All' as const }),
    ...(o.fieldValidation && { fieldValidation: o.fieldValidation }),
  };
  const modified = withLastApplied(appliedConfiguration(desired));
  if (!live) return o.client.create(modified, common);
  const schema = schemaFor(desired);
  const original = lastAppliedOf(live);
  const patch = schema
    ? createThreeWayMergePatch(original, modified, live, schema)
    : threeWayJsonMergePatch(original, modified, live);
  if (isObject(patch) && Object.keys(patch).length === 0) return live;
  const key = {
    apiVersion: desired.apiVersion,
    kind: desired.kind,
    namespace: desired.metadata.namespace,
    name: desired.metadata.name ?? '',
  };
  return o.client.patch(key, { type: schema ? 'strategic' : 'merge', body: patch }, common);
}

async function write(
  desired: KubeObject,
  live: KubeObject | undefined,
  o: ApplyObjectOptions,
): Promise<KubeObject> {
  const dryRun = o.dryRun ? { dryRun: 'All' as const } : {};
  const validation = o.fieldValidation ? { fieldValidation: o.fieldValidation } : {};
  if (o.replace) {
    const config = appliedConfiguration(desired);
    if (!live)
      return o.client.create(config, {
        signal: o.signal,
        fieldManager: o.fieldManager,
        ...dryRun,
        ...validation,
      });
    return o.client.update(
      { ...config, metadata: { ...config.metadata, resourceVersion: live.metadata.resourceVersion } },
      { signal: o.signal, fieldManager: o.fieldManager, ...dryRun, ...validation },
    );
  }
  if (o.method === 'client-side') return clientSideApply(desired, live, o);
  return o.client.apply(appliedConfiguration(desired), {
    signal: o.signal,
    fieldManager: o.fieldManager,
    force: true,
    ...dryRun,
    ...validation,
  });
}

/** Deletes `obj` in the background and waits until the server no longer has it. */
export async function deleteAndWait(
  obj: KubeObject,
  o: Pick<ApplyObjectOptions, 'signal' | 'client' | 'deleteTimeoutMs' | 'pollIntervalMs'>,
): Promise<void> {
  const key = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  };
  await o.client.delete(key, { signal: o.signal, propagationPolicy: 'Background' });
  const end = Date.now() + o.deleteTimeoutMs;
  while ((await o.client.get(key, { signal: o.signal })) !== undefined) {
    if (Date.now() > end) throw new ApplyError(obj, `still being deleted after ${o.deleteTimeoutMs} ms`);
    await sleep(o.pollIntervalMs, o.signal);
  }
}

function verbOf(action: ApplyAction, o: ApplyObjectOptions, recreated: boolean): string {
  if (action === 'unchanged') return 'unchanged';
  if (recreated) return 'replaced';
  if (o.method === 'server-side' && !o.replace) return 'serverside-applied';
  return action;
}

/**
 * Applies `desired` over `live` (the object as the cluster has it, or undefined when missing).
 * Rejects with the API error (its message starts with the object) when the server refuses.
 */
export async function applyObject(
  desired: KubeObject,
  live: KubeObject | undefined,
  options: Partial<ApplyObjectOptions> & Pick<ApplyObjectOptions, 'signal' | 'client'>,
): Promise<ApplyResult> {
  const o: ApplyObjectOptions = { ...defaultApplyObjectOptions, ...options };
  const recreateAlways = o.replace && o.force && live !== undefined && !isDefinition(desired);
  if (!recreateAlways) {
    try {
      const object = await write(desired, live, o);
      const action: ApplyAction = !live ? 'created' : changed(live, object) ? 'configured' : 'unchanged';
      return { action, object, recreated: false, verb: verbOf(action, o, false) };
    } catch (err) {
      if (!live || !o.force || !isImmutableError(err) || isDefinition(desired)) throw err;
    }
  }
  // A dry run cannot ask the server about a create while the old object still holds the name.
  if (o.dryRun) return { action: 'configured', object: desired, recreated: true, verb: 'replaced' };
  await deleteAndWait(live, o);
  const object = await write(desired, undefined, o);
  return { action: 'configured', object, recreated: true, verb: 'replaced' };
}
