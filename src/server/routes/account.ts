/**
 * Local accounts and their API tokens, after Argo CD's AccountService: list and get (`accounts,
 * get`), `can-i`, and creating or deleting an API token (`accounts, update`, or the account
 * itself). Tokens are recorded in `argocd-secret` (`accounts.<name>.tokens`); deleting the
 * record revokes the token.
 */
import { callSignal } from '../call-signal.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Account } from '../auth/accounts.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { subjectOf } from './subject.ts';

function accountView(a: Account) {
  return {
    name: a.name,
    enabled: a.enabled,
    capabilities: [...a.capabilities].sort(),
    tokens: a.tokens.map((t) => ({ id: t.id, issuedAt: t.iat, ...(t.exp ? { expiresAt: t.exp } : {}) })),
  };
}

export function accountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const may = (request: FastifyRequest, action: string, name: string) =>
    ctx.authorizer.enforce(subjectOf(request), 'accounts', action, name);
  /** An account may manage its own tokens; anyone else needs `accounts, update`. */
  const ensureUpdate = (request: FastifyRequest, name: string) => {
    const s = request.session;
    const self = s !== null && s.kind !== 'project' && s.subject === name;
    if (!self) ctx.authorizer.check(subjectOf(request), 'accounts', 'update', name);
  };

  app.get('/api/v1/account', async (request) => {
    const { accounts } = await ctx.settings.get(request.signal);
    const items = [...accounts.values()]
      .filter((a) => may(request, 'get', a.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(accountView);
    return { items };
  });

  app.get<{ Params: { name: string } }>('/api/v1/account/:name', async (request) => {
    const { name } = request.params;
    ctx.authorizer.check(subjectOf(request), 'accounts', 'get', name);
    const account = (await ctx.settings.get(request.signal)).accounts.get(name);
    if (!account) throw new ApiError('NotFound', `account '${name}' does not exist`);
    return accountView(account);
  });

  app.get<{ Params: { resource: string; action: string; '*': string } }>(
    '/api/v1/account/can-i/:resource/:action/*',
    (request) => {
      const { resource, action, '*': object } = request.params;
      return Promise.resolve({
        value: ctx.authorizer.enforce(subjectOf(request), resource, action, object) ? 'yes' : 'no',
      });
    },
  );

  app.post<{ Params: { name: string }; Body: { expiresIn?: unknown; id?: unknown } | null }>(
    '/api/v1/account/:name/token',
    async (request, reply) => {
      const { name } = request.params;
      ensureUpdate(request, name);
      const { token } = await ctx.sessions.createAccountToken(
        name,
        tokenRequest(request.body),
        callSignal(reply),
      );
      return { token };
    },
  );

  app.delete<{ Params: { name: string; id: string } }>(
    '/api/v1/account/:name/token/:id',
    async (request, reply) => {
      const { name, id } = request.params;
      ensureUpdate(request, name);
      await ctx.sessions.deleteAccountToken(name, id, callSignal(reply));
      return {};
    },
  );
}

/** `{expiresIn: seconds, id}`; grpc-gateway sends int64 as strings, so both forms are accepted. */
export function tokenRequest(body: { expiresIn?: unknown; id?: unknown } | null | undefined): {
  expiresIn?: number;
  id?: string;
} {
  const out: { expiresIn?: number; id?: string } = {};
  const raw = body?.expiresIn;
  if (raw !== undefined && raw !== null && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new ApiError('InvalidArgument', 'expiresIn must be a whole number of seconds');
    out.expiresIn = n;
  }
  if (body?.id !== undefined && body.id !== null && body.id !== '') {
    if (typeof body.id !== 'string') throw new ApiError('InvalidArgument', 'id must be a string');
    out.id = body.id;
  }
  return out;
}
