/**
 * Starts a real server on a free port for this module's tests, configured the way an operator
 * would: passwords hashed into `argocd-secret`, accounts and policy in `argocd-cm` and
 * `argocd-rbac-cm`. A settable clock stands in for the passing of days. Used by tests only.
 */
import { hashPassword } from './auth/password.ts';
import { memorySettingsSource, type SettingsSource } from './auth/settings-source.ts';
import { staticProjectSource, type AppProject } from './rbac/projects.ts';
import { createServer, type CapstanServer, type ServerInput } from './server.ts';
import { silentLogger } from '../core/index.ts';
import { accountSecretKey } from './auth/accounts.ts';

export interface TestServerOptions {
  /** Plain passwords by account; hashed into argocd-secret. */
  passwords?: Record<string, string>;
  config?: Record<string, string>;
  secret?: Record<string, string>;
  rbac?: Record<string, string>;
  projects?: AppProject[];
  server?: Partial<ServerInput>;
}

export interface Clock {
  now: number;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface RequestInit {
  method?: string;
  token?: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  server: CapstanServer;
  settings: SettingsSource;
  clock: Clock;
  request(path: string, init?: RequestInit): Promise<ApiResponse>;
  /** Logs in; returns the token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export const SECRET_KEY = 'test-server-secret-key-0123456789abcdef';

export async function startTestServer(o: TestServerOptions = {}): Promise<TestServer> {
  const secret: Record<string, string> = { 'server.secretkey': SECRET_KEY, ...o.secret };
  for (const [name, pw] of Object.entries(o.passwords ?? {}))
    secret[accountSecretKey(name, 'password')] = await hashPassword(pw);
  const clock: Clock = { now: Date.now() };
  const settings = memorySettingsSource(
    { config: o.config ?? {}, secret, rbac: o.rbac ?? {} },
    { now: () => clock.now },
  );
  const server = createServer({
    settings,
    port: 0,
    uiDir: undefined,
    projects: staticProjectSource(o.projects ?? []),
    log: silentLogger,
    now: () => clock.now,
    login: { limits: { maxFailures: 5, windowSeconds: 300, maxEntries: 1000 }, delayMs: { min: 0, max: 0 } },
    ...o.server,
  });
  const url = await server.listen({ signal: new AbortController().signal });
  const request = async (path: string, init: RequestInit = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
    if (init.cookie !== undefined) headers['cookie'] = init.cookie;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON; `text` has it
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    url,
    server,
    settings,
    clock,
    request,
    async login(username, password) {
      const r = await request('/api/v1/session', { method: 'POST', body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
      return r.json['token'] as string;
    },
    close: () => server.close(),
  };
}
