import type { KubeObject } from '../../core/index.ts';
import type { AdmissionRequest, Operation, Subresource } from '../admission/types.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { managerOf, type WriteOptions } from './options.ts';

/** Runs the admission pipeline for one write and returns the request with the final object. */
export async function admit(
  state: ServerState,
  info: ResourceInfo,
  operation: Operation,
  subresource: Subresource,
  object: KubeObject,
  oldObject: KubeObject | undefined,
  options: WriteOptions,
  warnings: string[],
): Promise<AdmissionRequest> {
  const request: AdmissionRequest = {
    operation,
    resource: info,
    subresource,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name ?? '',
    object,
    oldObject,
    dryRun: options.dryRun === true,
    fieldManager: managerOf(options),
    fieldValidation: options.fieldValidation ?? 'Warn',
    patchType: options.patchType,
    bodyProblems: options.bodyProblems ?? [],
    warnings,
    now: state.now(),
    reader: state.reader,
  };
  await state.pipeline.run(request);
  return request;
}

/** The finalizers that keep a deleted object around: metadata.finalizers, and a Namespace's spec ones. */
export function pendingFinalizers(info: ResourceInfo, object: KubeObject): string[] {
  const pending = [...(object.metadata.finalizers ?? [])];
  if (info.group === '' && info.kind === 'Namespace') {
    pending.push(...((object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []));
  }
  return pending;
}
