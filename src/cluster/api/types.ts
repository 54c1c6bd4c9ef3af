import type { KubeObject } from '../../core/index.ts';
import type { AdmissionStep, FieldValidation } from '../admission/types.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { PatchType } from '../rest/patch-types.ts';

/** Which type of object: `{ apiVersion: 'apps/v1', kind: 'Deployment' }`. */
export interface TypeRef {
  apiVersion: string;
  kind: string;
}

/** Which object of a type; no namespace for cluster-scoped types. */
export interface ObjectKey {
  namespace?: string;
  name: string;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** A watch: iterate it for events; it ends on timeout, error, `close()` or the signal. */
export interface WatchStream<T extends KubeObject = KubeObject> extends AsyncIterable<WatchEvent<T>> {
  close(): void;
}

export interface ApiReadOptions {
  signal?: AbortSignal;
}

export interface ApiWriteOptions extends ApiReadOptions {
  dryRun?: boolean;
  /** Defaults to `capstan`. */
  fieldManager?: string;
  fieldValidation?: FieldValidation;
}

export interface ApiListOptions extends ApiReadOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface ApiWatchOptions extends ApiReadOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Unset: the current objects as ADDED first; a version: every change after it. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export interface ApiDeleteOptions extends ApiWriteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ApiPatchOptions extends ApiWriteOptions {
  /** `json`, `merge`, `strategic`, `apply`, or a PATCH Content-Type. */
  type: 'json' | 'merge' | 'strategic' | 'apply' | (string & {});
  subresource?: 'status';
  force?: boolean;
}

/** An Event to record about an object (core v1 Event fields). */
export interface EventRecord {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The reporting component, e.g. `deployment-controller`. */
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
}

/**
 * The cluster from inside the process: the same operations, admission steps, resourceVersions
 * and watch events HTTP clients get, without HTTP. Controllers that run "on the server's own
 * watch" use this. Returned objects are private copies: change them freely. Failures are
 * `ApiError`s carrying the Status an HTTP client would get.
 */
export interface ClusterApi {
  get<T extends KubeObject = KubeObject>(type: TypeRef, key: ObjectKey, options?: ApiReadOptions): Promise<T>;
  list<T extends KubeObject = KubeObject>(type: TypeRef, options?: ApiListOptions): Promise<KubeList<T>>;
  create<T extends KubeObject = KubeObject>(object: NoInfer<T>, options?: ApiWriteOptions): Promise<T>;
  /** PUT of the main resource (status is ignored for types with a status subresource). */
  update<T extends KubeObject = KubeObject>(object: NoInfer<T>, options?: ApiWriteOptions): Promise<T>;
  /** PUT of `/status`: only status changes. */
  updateStatus<T extends KubeObject = KubeObject>(object: NoInfer<T>, options?: ApiWriteOptions): Promise<T>;
  patch<T extends KubeObject = KubeObject>(
    type: TypeRef,
    key: ObjectKey,
    patch: unknown,
    options: ApiPatchOptions,
  ): Promise<T>;
  /** Returns the object: gone (its last state) or still there with deletionTimestamp set. */
  delete<T extends KubeObject = KubeObject>(
    type: TypeRef,
    key: ObjectKey,
    options?: ApiDeleteOptions,
  ): Promise<T>;
  watch<T extends KubeObject = KubeObject>(type: TypeRef, options?: ApiWatchOptions): WatchStream<T>;
  /** Records (or counts again) an Event about `involved`, as client-go's recorder does. */
  recordEvent(involved: KubeObject, event: EventRecord, options?: ApiReadOptions): Promise<KubeObject>;
  /** The served resource of a type; throws 404 when it is not served. */
  resource(type: TypeRef): ResourceInfo;
  /** Every served resource, in discovery order. */
  resources(): ResourceInfo[];
  /** The last resourceVersion handed out. */
  readonly resourceVersion: string;
  /** The write pipeline's steps: add one to a slot, remove one by name, list them. */
  readonly admission: {
    add(step: AdmissionStep): void;
    remove(name: string): boolean;
    steps(): string[];
  };
  /** PATCH media types: register strategic merge patch or apply. */
  readonly patchTypes: { register(type: PatchType): void };
}
