/**
 * AppProjects (docs/api.md §7): the list filtered to what the caller may `get`, one project, and
 * tokens for a project role (`projects, update`, or a member of one of the role's groups, as
 * Argo CD allows).
 */
import { callSignal } from '../call-signal.ts';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { tokenRequest } from './account.ts';
import { subjectOf } from './subject.ts';

export function projectRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const projects = ctx.options.projects;

  app.get('/api/v1/projects', (request) => {
    const subject = subjectOf(request);
    const items = projects
      .list()
      .filter((p) => ctx.authorizer.enforce(subject, 'projects', 'get', p.metadata.name ?? ''));
    return Promise.resolve({ metadata: {}, items });
  });

  app.get<{ Params: { name: string } }>('/api/v1/projects/:name', (request) => {
    const { name } = request.params;
    ctx.authorizer.check(subjectOf(request), 'projects', 'get', name);
    const project = projects.get(name);
    if (!project) throw new ApiError('NotFound', `appprojects.argoproj.io "${name}" not found`);
    return Promise.resolve(project);
  });

  app.post<{
    Params: { project: string; role: string };
    Body: { expiresIn?: unknown; id?: unknown } | null;
  }>('/api/v1/projects/:project/roles/:role/token', async (request, reply) => {
    const { project, role } = request.params;
    const subject = subjectOf(request);
    if (!ctx.authorizer.enforce(subject, 'projects', 'update', project)) {
      const groups = projects.get(project)?.spec.roles?.find((r) => r.name === role)?.groups ?? [];
      if (!subject.groups.some((g) => groups.includes(g)))
        ctx.authorizer.check(subject, 'projects', 'update', project);
    }
    const { token } = await ctx.sessions.createProjectToken(
      project,
      role,
      tokenRequest(request.body),
      callSignal(reply),
    );
    return { token };
  });
}
