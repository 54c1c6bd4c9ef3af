/** What every route and plugin of one server shares. */
import type { SessionManager } from './auth/sessions.ts';
import type { SettingsCache } from './auth/settings.ts';
import type { CapstanMetrics } from './metrics/metrics.ts';
import type { ServerOptions } from './options.ts';
import type { Authorizer } from './rbac/authorizer.ts';

export interface ServerContext {
  options: ServerOptions;
  settings: SettingsCache;
  sessions: SessionManager;
  authorizer: Authorizer;
  metrics: CapstanMetrics;
  /** Masks Secrets and serializes, for bodies that bypass Fastify's serializer (SSE). */
  serialize: (body: unknown) => string;
  /** Called on close: SSE hubs end their streams so the server can stop. */
  onClose: (fn: () => void) => void;
}
