/**
 * HTTP to one API server, with the credentials and TLS settings of a kubeconfig, through
 * `@kubernetes/client-node` (its `KubeConfig` for authentication, exec plugins and TLS; its fetch
 * library for requests; its `Watch` for streams). Every request carries an AbortSignal and a
 * deadline; failures become `KubeApiError`s named after the server's reason.
 *
 * client-node builds a new undici Agent for every request it authenticates, which would mean a
 * TLS handshake per request and no keep-alive; the first request's agent is kept and reused.
 */
import type * as ClientNodeModule from '@kubernetes/client-node';
import type { KubeConfig, Watch } from '@kubernetes/client-node';
import { AbortedError, CapstanError, errorMessage, withTimeout } from '../../core/index.ts';
import { apiError, statusOf, type ApiStatus } from './errors.ts';

type ClientNode = typeof ClientNodeModule;
type RequestContext = InstanceType<ClientNode['RequestContext']>;
type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

export type Query = Record<string, string | number | boolean | undefined>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute path on the server: `/apis/apps/v1/namespaces/shop/deployments/web`. */
  path: string;
  query?: Query;
  body?: unknown;
  /** Content-Type of the body; JSON by default. */
  contentType?: string;
  accept?: string;
  signal: AbortSignal;
  /** For error messages: the object (`formatRef`) or kind the request concerns, and the verb. */
  subject: string;
  verb: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A network failure before any HTTP answer (connection refused, TLS, DNS). */
export class ConnectionError extends CapstanError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'ConnectionFailed', cause: options?.cause });
  }
}

export interface TransportOptions {
  userAgent: string;
  requestTimeoutMs: number;
}

export class Transport {
  readonly #lib: ClientNode;
  readonly #kc: KubeConfig;
  readonly #server: string;
  readonly #http: InstanceType<ClientNode['IsomorphicFetchHttpLibrary']>;
  readonly #options: TransportOptions;
  #dispatcher: Dispatcher | null = null;

  constructor(lib: ClientNode, kc: KubeConfig, options: TransportOptions) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new CapstanError('kubeconfig: no current cluster', { code: 'InvalidKubeconfig' });
    this.#lib = lib;
    this.#kc = kc;
    this.#server = cluster.server.replace(/\/+$/, '');
    this.#http = new lib.IsomorphicFetchHttpLibrary();
    this.#options = options;
  }

  get server(): string {
    return this.#server;
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(this.#server + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async #authenticate(ctx: RequestContext): Promise<void> {
    await this.#kc.applySecurityAuthentication(ctx);
    if (this.#dispatcher === null) this.#dispatcher = ctx.getDispatcher();
    else if (this.#dispatcher !== undefined) ctx.setDispatcher(this.#dispatcher);
  }

  /** Sends one request; resolves for 2xx answers, rejects with a `KubeApiError` otherwise. */
  async request(req: HttpRequest): Promise<HttpReply> {
    if (req.signal.aborted) throw new AbortedError(`${req.subject}: ${req.verb} aborted`);
    const ctx = new this.#lib.RequestContext(this.url(req.path, req.query), req.method);
    await this.#authenticate(ctx);
    ctx.setHeaderParam('Accept', req.accept ?? 'application/json');
    ctx.setHeaderParam('User-Agent', this.#options.userAgent);
    if (req.body !== undefined) {
      ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
      ctx.setBody(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    }
    const signal = withTimeout(req.signal, this.#options.requestTimeoutMs);
    ctx.setSignal(signal);
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    try {
      const res = await this.#http.send(ctx).toPromise();
      status = res.httpStatusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (err) {
      throw this.#failure(req, signal, err);
    }
    let body: unknown = undefined;
    if (text !== '' && (headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (status >= 200 && status < 300) return { status, headers, body: body ?? text };
    throw apiError(req.subject, req.verb, statusOf(status, body, text));
  }

  #failure(req: HttpRequest, signal: AbortSignal, err: unknown): Error {
    if (req.signal.aborted) return new AbortedError(`${req.subject}: ${req.verb} aborted`, { cause: err });
    if (signal.aborted) {
      const status: ApiStatus = {
        code: 0,
        reason: 'Timeout',
        message: `no answer within ${this.#options.requestTimeoutMs} ms`,
        causes: [],
      };
      return apiError(req.subject, req.verb, status, err);
    }
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    return new ConnectionError(`${req.subject}: ${req.verb} failed: ${errorMessage(cause)}`, { cause: err });
  }

  /** client-node's `Watch` over this kubeconfig (it authenticates each stream itself). */
  newWatch(): Watch {
    return new this.#lib.Watch(this.#kc);
  }
}
