/**
 * The API server: Fastify with this module's plugins (authentication, CSRF, session
 * requirement, security headers, Secret masking, metrics, errors) and one module per route
 * group, plus the static web UI. `createServer` wires it; `listen` starts it (port 0 picks a
 * free one) and stops it when the signal fires.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { LoginLimiter } from './auth/login-limiter.ts';
import { SessionManager } from './auth/sessions.ts';
import { SettingsCache } from './auth/settings.ts';
import type { ServerContext } from './context.ts';
import './fastify-types.ts';
import { maskResponse } from './mask/response.ts';
import { createMetrics, type CapstanMetrics } from './metrics/metrics.ts';
import { defaultServerOptions, type ServerOptions } from './options.ts';
import { registerAuthentication, registerSessionRequirement } from './plugins/authn.ts';
import { registerCsrf } from './plugins/csrf.ts';
import { registerErrors } from './plugins/errors.ts';
import { registerHttpMetrics } from './plugins/http-metrics.ts';
import { registerSecretMasking } from './plugins/mask-secrets.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { Authorizer } from './rbac/authorizer.ts';
import { Enforcer } from './rbac/enforcer.ts';
import { accountRoutes } from './routes/account.ts';
import { applicationRoutes } from './routes/applications.ts';
import { gitRoutes } from './routes/git.ts';
import { fluxRoutes } from './routes/flux.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { projectRoutes } from './routes/projects.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { versionRoutes } from './routes/version.ts';
import { registerUi } from './static/ui.ts';

export type ServerInput = Partial<ServerOptions> & Pick<ServerOptions, 'settings'>;

export interface CapstanServer {
  /** Starts listening; resolves with the URL. Firing `signal` closes the server. */
  listen(options: { signal: AbortSignal }): Promise<string>;
  /** `http://host:port`, once listening. */
  readonly url: string;
  /** Ends every stream and connection. */
  close(): Promise<void>;
  readonly metrics: CapstanMetrics;
  /** RBAC for the caller of a request, for stream and list filters. */
  readonly authorizer: Authorizer;
  readonly sessions: SessionManager;
}

export function createServer(input: ServerInput): CapstanServer {
  const options: ServerOptions = { ...defaultServerOptions, ...input };
  const metrics = options.metrics ?? createMetrics({ version: options.version.Version });
  const settings = new SettingsCache(options.settings, options.log);
  const sessions = new SessionManager({
    settings,
    projects: options.projects,
    limiter: new LoginLimiter(options.login.limits, options.now),
    now: options.now,
    loginDelayMs: options.login.delayMs,
    onLogin: (status) => metrics.loginRequestTotal.inc({ status }),
  });
  // Before the first read (and if it failed) only the built-in policy applies.
  const builtinOnly = new Enforcer();
  const authorizer = new Authorizer({
    enforcer: () => settings.latest()?.enforcer ?? builtinOnly,
    projects: options.projects,
  });
  const closers: (() => void)[] = [];
  const ctx: ServerContext = {
    options,
    settings,
    sessions,
    authorizer,
    metrics,
    serialize: (body) => JSON.stringify(maskResponse(body)),
    onClose: (fn) => closers.push(fn),
  };

  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const ready = (async () => {
    await settings.get(AbortSignal.timeout(30_000));
    app.removeContentTypeParser('text/plain');
    await app.register(fastifyCookie);
    await registerSecurityHeaders(app);
    registerAuthentication(app, ctx);
    registerCsrf(app);
    registerSessionRequirement(app);
    registerSecretMasking(app);
    registerHttpMetrics(app, ctx);
    const uiFallback = await registerUi(app, options.uiDir);
    registerErrors(app, ctx, uiFallback);
    for (const routes of [
      sessionRoutes,
      settingsRoutes,
      versionRoutes,
      healthRoutes,
      metricsRoutes,
      accountRoutes,
      projectRoutes,
      applicationRoutes,
      oidcRoutes,
      gitRoutes,
      fluxRoutes,
    ]) {
      routes(app, ctx);
    }
    await app.ready();
  })();
  ready.catch(() => undefined);

  let url: string | undefined;
  const close = async () => {
    for (const fn of closers.splice(0)) fn();
    await ready.catch(() => undefined);
    await app.close();
  };
  return {
    async listen({ signal }) {
      await ready;
      signal.throwIfAborted();
      await app.listen({ host: options.host, port: options.port });
      const { port } = app.server.address() as { port: number };
      url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
      signal.addEventListener('abort', () => void close(), { once: true });
      options.log.info('API server listening', { url });
      return url;
    },
    get url() {
      if (url === undefined) throw new Error('the server is not listening yet');
      return url;
    },
    close,
    metrics,
    authorizer,
    sessions,
  };
}
