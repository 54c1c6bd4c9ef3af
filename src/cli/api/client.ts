/**
 * The CLI's client of the Capstan API: the server and token come from flags (`--server`,
 * `--auth-token`), the environment (`CAPSTAN_SERVER`, `CAPSTAN_AUTH_TOKEN`) or the stored
 * context (`capstan login`, `capstan up`), in that order. Errors carry the server's message.
 */
import { readCliConfig, startCoreApi, type CoreApi } from '../../app/index.ts';
import { CapstanError } from '../../core/index.ts';

export interface ServerFlags {
  server?: string;
  authToken?: string;
  core?: boolean;
  kubeconfig?: string;
  kubeContext?: string;
  coreNamespace?: string;
}

export class ApiCallError extends CapstanError {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message, {
      code: status === 401 ? 'Unauthenticated' : status === 403 ? 'PermissionDenied' : 'ApiError',
    });
    this.status = status;
  }
}

export interface ApiClient {
  server: string;
  request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
}

/** In-process servers of `--core` commands, closed when the command ends (`closeCoreApis`). */
const coreApis: CoreApi[] = [];

export async function closeCoreApis(): Promise<void> {
  await Promise.all(coreApis.splice(0).map((c) => c.close()));
}

export async function resolveServer(
  flags: ServerFlags,
): Promise<{ server: string; token: string | undefined }> {
  const config = await readCliConfig();
  const context = config.currentContext ? config.contexts[config.currentContext] : undefined;
  if (flags.core || process.env['CAPSTAN_CORE'] === 'true') {
    const core = await startCoreApi({
      signal: AbortSignal.timeout(60 * 60_000),
      // A `capstan up` context names the kubeconfig of its cluster.
      kubeconfig: flags.kubeconfig ?? (process.env['KUBECONFIG'] ? undefined : context?.kubeconfig),
      context: flags.kubeContext,
      namespace: flags.coreNamespace ?? 'argocd',
    });
    coreApis.push(core);
    return { server: core.url, token: core.token };
  }
  const server = flags.server || process.env['CAPSTAN_SERVER'] || context?.server;
  if (!server)
    throw new CapstanError(
      'no Capstan server: run `capstan up`, or `capstan login SERVER`, or pass --server',
      {
        code: 'NoServer',
      },
    );
  const sameServer = context?.server === server;
  const token =
    flags.authToken ?? (process.env['CAPSTAN_AUTH_TOKEN'] || (sameServer ? context?.token : undefined));
  return { server: server.replace(/\/+$/, ''), token };
}

export async function apiClient(flags: ServerFlags): Promise<ApiClient> {
  const { server, token } = await resolveServer(flags);
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${server}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: signal ?? AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new CapstanError(`${server}: cannot reach the Capstan server: ${(err as Error).message}`, {
        code: 'Unavailable',
        cause: err,
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { message: text.trim() };
    }
    if (!res.ok) {
      const message = (json as { message?: string }).message || res.statusText;
      const hint = res.status === 401 ? ' (run `capstan login`)' : '';
      throw new ApiCallError(`${message}${hint}`, res.status);
    }
    return json as T;
  };
  return { server, request, get: (path, signal) => request('GET', path, undefined, signal) };
}

/** `?appNamespace=` when given. */
export const appQuery = (appNamespace: string | undefined) =>
  appNamespace ? `?appNamespace=${encodeURIComponent(appNamespace)}` : '';
