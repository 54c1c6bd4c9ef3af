import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import { jsonEqual } from '../../kube/index.ts';
import { invalid } from '../errors.ts';
import type { AdmissionRequest, AdmissionStep } from './types.ts';

/** Kubernetes timestamps: RFC 3339 in UTC with whole seconds. */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The metadata the server owns: a new object gets its uid, creationTimestamp and generation;
 * an update cannot change them (nor the deletion marks), and cannot add finalizers once the
 * object is being deleted.
 */
export const systemMetadata: AdmissionStep = {
  name: 'system-metadata',
  slot: 'strategy',
  matches: (r) => r.operation !== 'DELETE',
  admit(r) {
    const meta = r.object.metadata;
    delete meta.selfLink;
    if (r.operation === 'CREATE') {
      meta.uid = randomUUID();
      meta.creationTimestamp = timestamp(r.now);
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
      delete meta.resourceVersion;
      if (tracksGeneration(r)) meta.generation = 1;
      else delete meta.generation;
      return;
    }
    const old = r.oldObject!.metadata;
    copyOrDelete(meta, old, 'uid');
    copyOrDelete(meta, old, 'creationTimestamp');
    copyOrDelete(meta, old, 'deletionTimestamp');
    copyOrDelete(meta, old, 'deletionGracePeriodSeconds');
    copyOrDelete(meta, old, 'generation');
    if (old.deletionTimestamp) refuseNewFinalizers(r, old.finalizers ?? []);
  },
};

/**
 * `metadata.generation` moves when anything but metadata (and status, for types with a status
 * subresource) changes; deletion marks bump it too (done on the delete path).
 */
export const bumpGeneration: AdmissionStep = {
  name: 'generation',
  slot: 'generation',
  matches: (r) => r.operation === 'UPDATE' && tracksGeneration(r),
  admit(r) {
    const old = r.oldObject!;
    const ignoreStatus = hasStatusSubresource(r);
    if (!sameContent(r.object, old, ignoreStatus)) {
      r.object.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
  },
};

export function tracksGeneration(r: AdmissionRequest): boolean {
  return r.resource.generation || r.resource.crd !== undefined;
}

export function hasStatusSubresource(r: AdmissionRequest): boolean {
  return r.resource.subresources.status === true;
}

function sameContent(a: KubeObject, b: KubeObject, ignoreStatus: boolean): boolean {
  const skip = (k: string) =>
    k === 'metadata' || k === 'apiVersion' || k === 'kind' || (ignoreStatus && k === 'status');
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !skip(k)));
  for (const k of keys) if (!jsonEqual(a[k], b[k])) return false;
  return true;
}

function copyOrDelete(meta: Record<string, unknown>, old: Record<string, unknown>, key: string): void {
  if (old[key] === undefined) delete meta[key];
  else meta[key] = old[key];
}

function refuseNewFinalizers(r: AdmissionRequest, old: string[]): void {
  const added = (r.object.metadata.finalizers ?? []).filter((f) => !old.includes(f));
  if (added.length > 0) {
    throw invalid(
      r.resource,
      r.name,
      [
        {
          reason: 'FieldValueForbidden',
          field: 'metadata.finalizers',
          message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
        },
      ],
      r.namespace || undefined,
    );
  }
}
