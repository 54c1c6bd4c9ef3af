/**
 * The REST mapper: which resource (URL segment, scope, verbs) serves a group/version/kind. Read
 * with aggregated discovery (`apidiscovery.k8s.io` v2, two requests for the whole server), falling
 * back to the legacy per-group-version documents for servers without it. Cached until
 * `invalidate()`; a kind that is not found triggers one fresh read (at most once per
 * `minRefreshMs`), so a CRD created a moment ago is found without the caller knowing about caches.
 */
import { AbortedError, formatApiVersion, throwIfAborted, type GroupVersionKind } from '../../core/index.ts';
import type { ApiResource, CallOptions, KubeDiscovery } from '../client.ts';
import type { Transport } from './transport.ts';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** One aggregated `APIGroupDiscovery` item → resources, versions in preference order. */
function fromAggregated(item: Json): ApiResource[] {
  const group =
    isJson(item['metadata']) && typeof item['metadata']['name'] === 'string' ? item['metadata']['name'] : '';
  const out: ApiResource[] = [];
  for (const v of Array.isArray(item['versions']) ? item['versions'] : []) {
    if (!isJson(v) || typeof v['version'] !== 'string') continue;
    for (const r of Array.isArray(v['resources']) ? v['resources'] : []) {
      if (!isJson(r) || typeof r['resource'] !== 'string') continue;
      const kind = isJson(r['responseKind']) ? r['responseKind']['kind'] : undefined;
      if (typeof kind !== 'string' || kind === '') continue;
      const subs = Array.isArray(r['subresources']) ? r['subresources'] : [];
      out.push({
        group,
        version: v['version'],
        kind,
        resource: r['resource'],
        namespaced: r['scope'] === 'Namespaced',
        verbs: strings(r['verbs']),
        shortNames: strings(r['shortNames']),
        subresources: subs.flatMap((s) =>
          isJson(s) && typeof s['subresource'] === 'string' ? [s['subresource']] : [],
        ),
      });
    }
  }
  return out;
}

/** One legacy `APIResourceList` → resources; `x/status` entries become subresources of `x`. */
function fromResourceList(group: string, version: string, list: Json): ApiResource[] {
  const out = new Map<string, ApiResource>();
  const subs: [string, string][] = [];
  for (const r of Array.isArray(list['resources']) ? list['resources'] : []) {
    if (!isJson(r) || typeof r['name'] !== 'string') continue;
    const slash = r['name'].indexOf('/');
    if (slash >= 0) {
      subs.push([r['name'].slice(0, slash), r['name'].slice(slash + 1)]);
      continue;
    }
    out.set(r['name'], {
      group,
      version,
      kind: typeof r['kind'] === 'string' ? r['kind'] : '',
      resource: r['name'],
      namespaced: r['namespaced'] === true,
      verbs: strings(r['verbs']),
      shortNames: strings(r['shortNames']),
      subresources: [],
    });
  }
  for (const [parent, sub] of subs) out.get(parent)?.subresources?.push(sub);
  return [...out.values()];
}

export interface DiscoveryOptions {
  /** A kind that is not found re-reads discovery at most this often. */
  minRefreshMs: number;
  /** The client's lifetime: shared reads run under it, not under the first caller's signal. */
  signal: AbortSignal;
}

/** Waits for `promise` unless `signal` fires first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  throwIfAborted(signal);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortedError('discovery aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

export class HttpDiscovery implements KubeDiscovery {
  readonly #transport: Transport;
  readonly #options: DiscoveryOptions;
  #loading: Promise<Map<string, ApiResource>> | undefined;
  #all: ApiResource[] = [];
  #loadedAt = 0;

  constructor(transport: Transport, options: DiscoveryOptions) {
    this.#transport = transport;
    this.#options = options;
  }

  invalidate(): void {
    this.#loading = undefined;
  }

  async serverResources(options: CallOptions): Promise<ApiResource[]> {
    await this.#index(options.signal);
    return [...this.#all];
  }

  async resourceFor(gvk: GroupVersionKind, options: CallOptions): Promise<ApiResource | undefined> {
    const key = gvkKey(gvk.group, gvk.version, gvk.kind);
    const found = (await this.#index(options.signal)).get(key);
    if (found || Date.now() - this.#loadedAt < this.#options.minRefreshMs) return found;
    this.invalidate();
    return (await this.#index(options.signal)).get(key);
  }

  /** Shared by concurrent callers; a failed read is forgotten so the next call tries again. */
  #index(signal: AbortSignal): Promise<Map<string, ApiResource>> {
    throwIfAborted(signal);
    if (!this.#loading) {
      const loading = this.#load(this.#options.signal).then((all) => {
        this.#all = all;
        this.#loadedAt = Date.now();
        return new Map(all.map((r) => [gvkKey(r.group, r.version, r.kind), r]));
      });
      loading.catch(() => {
        if (this.#loading === loading) this.#loading = undefined;
      });
      this.#loading = loading;
    }
    return abortable(this.#loading, signal);
  }

  async #load(signal: AbortSignal): Promise<ApiResource[]> {
    const get = (path: string, accept = 'application/json') =>
      this.#transport.request({ method: 'GET', path, accept, signal, subject: path, verb: 'discovery' });
    const [core, groups] = await Promise.all([get('/api', AGGREGATED), get('/apis', AGGREGATED)]);
    const aggregated = (r: { headers: Record<string, string> }) =>
      (r.headers['content-type'] ?? '').includes('APIGroupDiscoveryList');
    if (aggregated(core) && aggregated(groups)) {
      return [core, groups].flatMap((r) =>
        isJson(r.body) && Array.isArray(r.body['items'])
          ? r.body['items'].flatMap((i) => (isJson(i) ? fromAggregated(i) : []))
          : [],
      );
    }
    // Legacy discovery: one document per group/version, preferred version first.
    const gvs: [string, string][] = strings(isJson(core.body) ? core.body['versions'] : []).map((v) => [
      '',
      v,
    ]);
    for (const g of isJson(groups.body) && Array.isArray(groups.body['groups'])
      ? groups.body['groups']
      : []) {
      if (!isJson(g) || typeof g['name'] !== 'string') continue;
      const preferred = isJson(g['preferredVersion']) ? g['preferredVersion']['version'] : undefined;
      const versions = (Array.isArray(g['versions']) ? g['versions'] : [])
        .flatMap((v) => (isJson(v) && typeof v['version'] === 'string' ? [v['version']] : []))
        .sort((a, b) => Number(b === preferred) - Number(a === preferred));
      for (const v of versions) gvs.push([g['name'], v]);
    }
    const lists = await Promise.all(
      gvs.map(async ([g, v]) => {
        const r = await get(g === '' ? `/api/${v}` : `/apis/${formatApiVersion(g, v)}`);
        return isJson(r.body) ? fromResourceList(g, v, r.body) : [];
      }),
    );
    return lists.flat();
  }
}
