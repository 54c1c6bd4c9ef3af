/** Masks Secrets in every JSON body before it is serialized (mask/response.ts says why and how). */
import type { FastifyInstance } from 'fastify';
import { maskResponse } from '../mask/response.ts';

export function registerSecretMasking(app: FastifyInstance): void {
  app.addHook('preSerialization', async (_request, _reply, payload) => maskResponse(payload));
}
