/**
 * The client seam: the only way the engine and the controllers talk to a Kubernetes API server.
 * Small interfaces composed into `KubeClient` (controller-runtime's `Client = Reader & Writer`), so a
 * function that only reads asks for a `KubeReader` and a test double implements only that.
 *
 * Types only. Implementations: over `@kubernetes/client-node` for real clusters, and in-process for
 * the embedded cluster. Every method takes one options object carrying an `AbortSignal`.
 *
 * Errors: implementations reject with `CapstanError` subclasses whose `code` names the API status
 * reason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Forbidden`, …) and whose message starts
 * with the object concerned, e.g. `Deployment/prod/web: apply failed: …`.
 */
import type { GroupVersionKind, KubeObject } from '../core/index.ts';

/** Names one object: `apiVersion` is required because the same kind can live in several groups. */
export interface ObjectKey {
  apiVersion: string;
  kind: string;
  /** Omitted or empty for cluster-scoped objects. */
  namespace?: string | undefined;
  name: string;
}

/** Every call can be cancelled. */
export interface CallOptions {
  signal: AbortSignal;
}

export interface GetOptions extends CallOptions {
  /** `"0"` reads from the server's cache; omitted reads the latest. */
  resourceVersion?: string;
}

export interface ListOptions extends CallOptions {
  /** Omitted lists across all namespaces (or a cluster-scoped kind). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the reply's `metadata.continue` fetches the next page. */
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

/** A list reply, as the API server sends it (`DeploymentList`, …). */
export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** Reads objects. */
export interface KubeReader {
  /** Resolves `undefined` when the object does not exist (HTTP 404), rejects on any other failure. */
  get(key: ObjectKey, options: GetOptions): Promise<KubeObject | undefined>;
  /** One page of objects of a kind; follow `metadata.continue` for more. */
  list(gvk: GroupVersionKind, options: ListOptions): Promise<ObjectList>;
}

/** `All` is the only value the API accepts; anything else is a client-side mistake. */
export type DryRun = 'All';

export interface WriteOptions extends CallOptions {
  /** `managedFields` owner name for this write (`argocd-controller`, `kustomize-controller`). */
  fieldManager?: string;
  dryRun?: DryRun;
  /** `Strict` rejects unknown fields, as `kubectl --validate=strict`; `Ignore` is `--validate=false`. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export type CreateOptions = WriteOptions;

export interface UpdateOptions extends WriteOptions {
  /** Writes only the `status` (or `scale`) subresource. */
  subresource?: 'status' | 'scale';
}

/** The three patch formats of the API server, named by their media types' short names. */
export type PatchType = 'json' | 'merge' | 'strategic';

export interface Patch {
  type: PatchType;
  /** A JSON Patch operation list for `json`, a partial object otherwise. */
  body: unknown;
}

export interface PatchOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
}

/** Server-side apply (`PATCH` with `application/apply-patch+yaml`). */
export interface ApplyOptions extends CallOptions {
  /** Required by the API server for apply. */
  fieldManager: string;
  /** Take ownership of conflicting fields (`--force-conflicts`). */
  force?: boolean;
  dryRun?: DryRun;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  subresource?: 'status';
}

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions extends CallOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  dryRun?: DryRun;
  /** Delete only if the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Writes objects. Every method resolves with the object as the server stored (or would store) it. */
export interface KubeWriter {
  create(obj: KubeObject, options: CreateOptions): Promise<KubeObject>;
  /** Replaces the object; `metadata.resourceVersion` makes it a compare-and-swap. */
  update(obj: KubeObject, options: UpdateOptions): Promise<KubeObject>;
  patch(key: ObjectKey, patch: Patch, options: PatchOptions): Promise<KubeObject>;
  apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /**
   * Resolves the object as returned by the server (with `deletionTimestamp` when finalizers hold
   * it), or `undefined` when it was already gone.
   */
  delete(key: ObjectKey, options: DeleteOptions): Promise<KubeObject | undefined>;
}

export interface WatchOptions extends CallOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Start after this version (from a list); omitted starts with synthetic ADDED events. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /**
   * Ask the server to end the watch after this long (it sends a bookmark first when bookmarks are
   * allowed, so the caller resumes from a fresh resourceVersion instead of an expired one).
   */
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

/** Streams changes of one kind. */
export interface KubeWatcher {
  /**
   * Events until the signal fires or the server ends the watch. A watch the server expired
   * (HTTP 410 Gone) rejects with code `Expired`; the caller lists again and resumes from there.
   */
  watch(gvk: GroupVersionKind, options: WatchOptions): AsyncIterable<WatchEvent>;
}

/** One served resource, as discovery reports it. */
export interface ApiResource {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name in URLs: `deployments`. */
  resource: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  /** Subresources served, e.g. `status`, `scale`. */
  subresources?: string[];
}

/** Maps kinds to resources (the REST mapper). */
export interface KubeDiscovery {
  /** `undefined` when the server does not serve that group/version/kind (e.g. its CRD is missing). */
  resourceFor(gvk: GroupVersionKind, options: CallOptions): Promise<ApiResource | undefined>;
  /** Every resource the server serves, preferred versions first. */
  serverResources(options: CallOptions): Promise<ApiResource[]>;
  /** Forget cached discovery, e.g. after a CRD was created. */
  invalidate(): void;
}

/** Everything the engine needs from a cluster. */
export interface KubeClient extends KubeReader, KubeWriter, KubeWatcher, KubeDiscovery {}
