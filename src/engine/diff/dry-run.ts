/**
 * The server's answer to "what would you store if I applied this?": a server-side apply with
 * `dryRun=All` under the engine's field manager. It is the predicted live object of the
 * server-side diff (Argo CD's `ServerSideDiff`, Flux's drift detection) and the dry run that every
 * sync does before it writes anything.
 */
import type { KubeObject } from '../../core/index.ts';
import type { KubeWriter } from '../../kube/index.ts';

export interface DryRunApplyOptions {
  signal: AbortSignal;
  fieldManager: string;
  /** Take over fields other managers own (`--force-conflicts`); both Argo CD and Flux do. */
  force: boolean;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore' | undefined;
}

/**
 * What an applied configuration may carry: the server refuses managedFields (400) and treats a
 * resourceVersion as a precondition, so both go, with the rest of what only servers write.
 */
export function appliedConfiguration(obj: KubeObject): KubeObject {
  const { managedFields, resourceVersion, uid, creationTimestamp, generation, selfLink, ...meta } =
    obj.metadata;
  if (
    managedFields === undefined &&
    resourceVersion === undefined &&
    uid === undefined &&
    creationTimestamp === undefined &&
    generation === undefined &&
    selfLink === undefined
  )
    return obj;
  return { ...obj, metadata: meta };
}

export function dryRunApply(
  client: KubeWriter,
  obj: KubeObject,
  options: DryRunApplyOptions,
): Promise<KubeObject> {
  return client.apply(appliedConfiguration(obj), {
    signal: options.signal,
    fieldManager: options.fieldManager,
    force: options.force,
    dryRun: 'All',
    ...(options.fieldValidation && { fieldValidation: options.fieldValidation }),
  });
}
