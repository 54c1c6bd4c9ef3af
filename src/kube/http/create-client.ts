/**
 * `createKubeClient`: a `KubeClient` for the cluster a kubeconfig names, over
 * `@kubernetes/client-node` (loaded on first use, so importing `kube` stays cheap).
 *
 *   const client = await createKubeClient({ kubeconfig: { path }, signal });
 *   const deploy = await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name }, { signal });
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { CapstanError, errorMessage, type GroupVersionKind, type KubeObject } from '../../core/index.ts';
import type {
  ApiResource,
  ApplyOptions,
  CallOptions,
  CreateOptions,
  DeleteOptions,
  GetOptions,
  KubeClient,
  ListOptions,
  ObjectKey,
  ObjectList,
  Patch,
  PatchOptions,
  UpdateOptions,
  WatchEvent,
  WatchOptions,
} from '../client.ts';
import type { HttpContext } from './context.ts';
import { HttpDiscovery } from './discovery.ts';
import { getObject, listObjects } from './read.ts';
import { Transport } from './transport.ts';
import { watchObjects } from './watch.ts';
import { applyObject, createObject, deleteObject, patchObject, updateObject } from './write.ts';

/** A kubeconfig file, or its YAML text (the embedded cluster's `kubeconfig()`). */
export type KubeconfigSource = { path: string } | { text: string };

export interface KubeClientOptions {
  kubeconfig: KubeconfigSource;
  /** A context of the kubeconfig; its current context when omitted. */
  context: string | undefined;
  /** The client's lifetime: when it fires, every call and watch of the client ends. */
  signal: AbortSignal;
  /** Sent as `User-Agent`; servers name field managers after it when a write names none. */
  userAgent: string;
  /** Deadline of one request (not of watches). */
  requestTimeoutMs: number;
  /** A kind discovery does not know re-reads discovery at most this often (CRDs appearing). */
  discoveryRefreshMs: number;
}

export const defaultKubeClientOptions: Omit<KubeClientOptions, 'kubeconfig' | 'signal'> = {
  context: undefined,
  userAgent: 'capstan',
  requestTimeoutMs: 60_000,
  discoveryRefreshMs: 1000,
};

/** A kubeconfig that cannot be read or names no usable cluster. */
export class KubeconfigError extends CapstanError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'InvalidKubeconfig', cause: options?.cause });
  }
}

function loadKubeconfig(kc: KubeConfig, o: KubeClientOptions): void {
  const where = 'path' in o.kubeconfig ? `kubeconfig ${o.kubeconfig.path}` : 'kubeconfig';
  try {
    if ('path' in o.kubeconfig) kc.loadFromFile(o.kubeconfig.path);
    else kc.loadFromString(o.kubeconfig.text);
    if (o.context !== undefined) kc.setCurrentContext(o.context);
  } catch (err) {
    throw new KubeconfigError(`${where}: ${errorMessage(err)}`, { cause: err });
  }
  if (!kc.getCurrentCluster()) throw new KubeconfigError(`${where}: the current context names no cluster`);
}

class HttpKubeClient implements KubeClient {
  readonly #ctx: HttpContext;

  constructor(ctx: HttpContext) {
    this.#ctx = ctx;
  }

  get(key: ObjectKey, options: GetOptions): Promise<KubeObject | undefined> {
    return getObject(this.#ctx, key, options);
  }

  list(gvk: GroupVersionKind, options: ListOptions): Promise<ObjectList> {
    return listObjects(this.#ctx, gvk, options);
  }

  create(obj: KubeObject, options: CreateOptions): Promise<KubeObject> {
    return createObject(this.#ctx, obj, options);
  }

  update(obj: KubeObject, options: UpdateOptions): Promise<KubeObject> {
    return updateObject(this.#ctx, obj, options);
  }

  patch(key: ObjectKey, patch: Patch, options: PatchOptions): Promise<KubeObject> {
    return patchObject(this.#ctx, key, patch, options);
  }

  apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return applyObject(this.#ctx, obj, options);
  }

  delete(key: ObjectKey, options: DeleteOptions): Promise<KubeObject | undefined> {
    return deleteObject(this.#ctx, key, options);
  }

  watch(gvk: GroupVersionKind, options: WatchOptions): AsyncIterable<WatchEvent> {
    return watchObjects(this.#ctx, gvk, options);
  }

  resourceFor(gvk: GroupVersionKind, options: CallOptions): Promise<ApiResource | undefined> {
    return this.#ctx.discovery.resourceFor(gvk, options);
  }

  serverResources(options: CallOptions): Promise<ApiResource[]> {
    return this.#ctx.discovery.serverResources(options);
  }

  invalidate(): void {
    this.#ctx.discovery.invalidate();
  }
}

/** Reads the kubeconfig (errors name it) and returns a client; no request is sent yet. */
export async function createKubeClient(
  options: Partial<KubeClientOptions> & Pick<KubeClientOptions, 'kubeconfig' | 'signal'>,
): Promise<KubeClient> {
  const o: KubeClientOptions = { ...defaultKubeClientOptions, ...options };
  o.signal.throwIfAborted();
  const lib = await import('@kubernetes/client-node');
  const kc = new lib.KubeConfig();
  loadKubeconfig(kc, o);
  let transport: Transport;
  try {
    transport = new Transport(lib, kc, { userAgent: o.userAgent, requestTimeoutMs: o.requestTimeoutMs });
  } catch (err) {
    throw new KubeconfigError(`kubeconfig: ${errorMessage(err)}`, { cause: err });
  }
  const discovery = new HttpDiscovery(transport, { minRefreshMs: o.discoveryRefreshMs, signal: o.signal });
  return new HttpKubeClient({ transport, discovery, lifetime: o.signal });
}
