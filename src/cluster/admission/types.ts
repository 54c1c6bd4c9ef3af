import type { KubeObject } from '../../core/index.ts';
import type { FieldProblem } from '../../kube/index.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';
export type Subresource = '' | 'status' | 'scale' | 'finalize';
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * The slots of the write pipeline, in the order they run. Built-in steps occupy some; later
 * features add theirs by slot name (see README.md, "Admission pipeline"):
 *
 * 1. `strategy`   system metadata (uid, creationTimestamp, immutable fields), status/spec split,
 *                  per-kind rules (Namespace phase and finalizers, Pod phase, CRD status)
 * 2. `namespace`  NamespaceLifecycle: the namespace exists and is not terminating
 * 3. `defaulting` server-side defaults of built-in kinds (Deployment replicas, PodSpec, Service
 *                  cluster IPs…)
 * 4. `schema`     custom resources: pruning, defaults, OpenAPI validation; unknown and duplicate
 *                  fields per `fieldValidation`
 * 5. `validation` names, labels, required fields, immutable fields
 * 6. `managedFields` field ownership (`Update` entries; applies record theirs while merging)
 * 7. `generation` bump metadata.generation on spec changes
 */
export const ADMISSION_SLOTS = [
  'strategy',
  'namespace',
  'defaulting',
  'schema',
  'validation',
  'managedFields',
  'generation',
] as const;

export type AdmissionSlot = (typeof ADMISSION_SLOTS)[number];

/** Synchronous read access to stored objects, for steps that look at other objects. The objects are the store's own: read them, never change them. */
export interface ObjectReader {
  get(apiVersion: string, kind: string, namespace: string, name: string): KubeObject | undefined;
}

/** One write on its way to storage. Mutating steps change `object` in place. */
export interface AdmissionRequest {
  readonly operation: Operation;
  readonly resource: ResourceInfo;
  readonly subresource: Subresource;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /**
   * The object as it will be stored. For DELETE: the current object, with any deletion marks
   * (deletionTimestamp, propagation finalizers) already applied.
   */
  object: KubeObject;
  /** The stored object before this write (UPDATE and DELETE). Never mutate it. */
  readonly oldObject: KubeObject | undefined;
  readonly dryRun: boolean;
  /** `fieldManager`, or the client's User-Agent up to the first `/` (as kube-apiserver does). */
  readonly fieldManager: string;
  readonly fieldValidation: FieldValidation;
  /** The Content-Type of a PATCH that produced `object`, if any. */
  readonly patchType: string | undefined;
  /**
   * What decoding the request body found for `fieldValidation`: duplicate fields (and, for the
   * body of a POST or PUT of a built-in kind, unknown ones), in document order. Empty for the
   * in-process API, whose objects are already values.
   */
  readonly bodyProblems: readonly FieldProblem[];
  /** Warnings for the client (HTTP `Warning: 299 - "…"` headers). */
  readonly warnings: string[];
  readonly now: Date;
  readonly reader: ObjectReader;
}

/**
 * A step of the write pipeline. It returns normally to let the write go on, throws an
 * `ApiError` (e.g. `invalid(...)`) to refuse it, and may change `request.object`.
 */
export interface AdmissionStep {
  /** Unique; `remove(name)` takes a step out again. */
  readonly name: string;
  readonly slot: AdmissionSlot;
  /** Which writes the step sees; every write when absent. */
  matches?(request: AdmissionRequest): boolean;
  admit(request: AdmissionRequest): void | Promise<void>;
}
