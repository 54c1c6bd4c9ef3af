/** `GET /api/v1/stream/applications` (docs/api.md §10): the list's filters plus `name`, per caller's RBAC. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { objectStreamRoute } from '../query/object-stream.ts';
import type { Query } from '../query/params.ts';
import { canGetApp } from './access.ts';
import { applicationFilter } from './filter.ts';

export function appStreamRoutes(app: FastifyInstance, ctx: ServerContext): void {
  objectStreamRoute(app, ctx, {
    path: '/api/v1/stream/applications',
    groupKind: () => 'argoproj.io/Application',
    groupKinds: ['argoproj.io/Application'],
    key: 'application',
    filter: (request) => applicationFilter(request.query as Query),
    canGet: (request, obj) => canGetApp(ctx, request, obj),
  });
}
