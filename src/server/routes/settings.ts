/** `GET /api/v1/settings`: public, so the login page knows what to offer (docs/api.md §6). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';

export function settingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/v1/settings', { config: { public: true } }, async (request) => {
    const s = await ctx.settings.get(request.signal);
    const loginsEnabled = [...s.accounts.values()].some((a) => a.enabled && a.capabilities.has('login'));
    return {
      url: s.url ?? `${request.protocol}://${request.host}`,
      userLoginsDisabled: !loginsEnabled,
      ...(s.oidc ? { oidcConfig: { name: s.oidc.name } } : {}),
      appLabelKey: s.appLabelKey,
      trackingMethod: s.trackingMethod,
      controllerNamespace: ctx.options.controlNamespace,
      appsInAnyNamespaceEnabled: ctx.options.appsInAnyNamespace,
      // Flux objects are served when the server reads a cluster.
      fluxEnabled: ctx.options.kube !== undefined,
      ...(s.uiBannerContent !== undefined ? { uiBannerContent: s.uiBannerContent } : {}),
    };
  });
}
