import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/index.ts';
import type { OpenApiV3 } from '../discovery/openapi.ts';
import { badRequest } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { PatchTypes } from '../rest/patch-types.ts';
import type { WriteOptions } from '../rest/options.ts';
import type { ServerState } from '../state.ts';
import type { ResourceRequest } from './request.ts';

/** What the HTTP layer shares across requests. */
export interface HttpDeps {
  readonly state: ServerState;
  readonly patchTypes: PatchTypes;
  readonly openapi: OpenApiV3;
  readonly token: string;
  readonly log: Logger;
  /** host:port, for `/api`'s serverAddressByClientCIDRs. */
  serverAddress: string;
}

/** One resource request on its way through a handler. */
export interface Call {
  readonly deps: HttpDeps;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly path: ResourceRequest;
  readonly info: ResourceInfo;
  /** The URL's namespace, '' when none. */
  readonly namespace: string;
}

/** `dryRun`, `fieldManager` and `fieldValidation` from the query, checked as kube-apiserver checks them. */
export function writeOptions(call: Call): WriteOptions {
  const q = call.query;
  const dryRun = q.getAll('dryRun');
  for (const d of dryRun) {
    if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${d}": supported values: "All"`);
  }
  const fieldManager = q.get('fieldManager') ?? undefined;
  if (fieldManager !== undefined && fieldManager.length > 128) {
    throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
  }
  const fv = q.get('fieldValidation');
  if (fv !== null && fv !== '' && fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  return {
    dryRun: dryRun.length > 0,
    ...(fieldManager !== undefined ? { fieldManager } : {}),
    ...(fv ? { fieldValidation: fv } : {}),
    userAgent: call.req.headers['user-agent'] ?? '',
  };
}

/** A non-negative integer query parameter, or undefined. */
export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`${name}: Invalid value: "${v}": must be a non-negative integer`);
  return n;
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  return v === 'true' || v === '1';
}
