/** The RBAC subject of an authenticated request. */
import type { FastifyRequest } from 'fastify';
import { ApiError, NO_SESSION } from '../errors.ts';
import type { Subject } from '../rbac/authorizer.ts';

export function subjectOf(request: FastifyRequest): Subject {
  const s = request.session;
  if (!s) throw new ApiError('Unauthenticated', NO_SESSION);
  return { name: s.subject, groups: s.groups };
}
