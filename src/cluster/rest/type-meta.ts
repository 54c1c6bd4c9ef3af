import { randomInt } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import { badRequest, invalid } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';

/**
 * Checks that a request body is an object of the endpoint's type and belongs where the URL says:
 * fills in a missing apiVersion/kind (as the decoder defaults them), refuses a different one, and
 * reconciles metadata.namespace with the URL's namespace.
 */
export function checkBody(info: ResourceInfo, body: unknown, namespace: string): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the body of the request must be a ${info.kind} object`);
  }
  const obj = body as KubeObject;
  obj.apiVersion ??= info.apiVersion;
  obj.kind ??= info.kind;
  if (obj.apiVersion !== info.apiVersion || obj.kind !== info.kind) {
    throw badRequest(
      obj.apiVersion !== info.apiVersion
        ? `the API version in the data (${obj.apiVersion}) does not match the expected API version (${info.apiVersion})`
        : `the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`,
    );
  }
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata))
    obj.metadata = {};
  if (info.namespaced) {
    if (!obj.metadata.namespace) obj.metadata.namespace = namespace;
    else if (obj.metadata.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

/** The name a new object gets: its own, or `generateName` plus five random characters. */
export function nameForCreate(info: ResourceInfo, obj: KubeObject): string {
  let name = obj.metadata.name;
  if (!name && obj.metadata.generateName) name = obj.metadata.generateName + randomSuffix();
  if (!name) {
    throw invalid(info, '', [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
  }
  checkPathSegment(info, name);
  obj.metadata.name = name;
  return name;
}

/** Names appear in URLs, so `.`, `..` and names with `/` or `%` are refused. */
export function checkPathSegment(info: ResourceInfo, name: string): void {
  let why: string | undefined;
  if (name === '.' || name === '..') why = `may not be '${name}'`;
  else if (name.includes('/')) why = `may not contain '/'`;
  else if (name.includes('%')) why = `may not contain '%'`;
  if (why) {
    throw invalid(info, name, [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: ${JSON.stringify(name)}: ${why}`,
      },
    ]);
  }
}

// The alphabet kube-apiserver uses for generated names: no vowels, no look-alike characters.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
