import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  BodyDecodeError,
  decodeJsonStrict,
  decodeYamlStrict,
  type DecodedBody,
  type SchemaNode,
} from '../../kube/index.ts';
import { ApiError, badRequest, unsupportedMediaType } from '../errors.ts';

/** kube-apiserver's limit on a request body. */
const MAX_BODY = 3 * 1024 * 1024;

/** Reads the whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) {
      throw new ApiError({
        message: 'Request entity too large: limit is 3145728',
        reason: 'RequestEntityTooLarge',
        code: 413,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a request, without parameters such as charset. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

/** Decodes a create/update body: JSON (what kubectl 1.31 sends) or YAML. Protobuf is refused. */
export async function readObject(req: IncomingMessage): Promise<unknown> {
  const type = mediaType(req);
  const text = await readBody(req);
  return decode(type, text, ['application/json', 'application/yaml']);
}

/**
 * Decodes the body of a POST or PUT, noting what `fieldValidation` cares about: duplicate fields,
 * and fields `schema` does not know (pass none to note duplicates only).
 */
export async function readObjectChecked(
  req: IncomingMessage,
  schema: SchemaNode | undefined,
): Promise<DecodedBody> {
  const type = mediaType(req);
  const text = await readBody(req);
  const json = type === 'application/json' || type.endsWith('+json');
  if (!json && type !== 'application/yaml' && !type.endsWith('+yaml')) {
    throw unsupportedMediaType(['application/json', 'application/yaml']);
  }
  try {
    return json ? decodeJsonStrict(text, schema) : decodeYamlStrict(text, schema);
  } catch (err) {
    if (err instanceof BodyDecodeError) {
      throw badRequest(`error decoding request body: ${json ? 'json' : 'yaml'}: ${err.message}`);
    }
    throw err;
  }
}

export function decode(type: string, text: string, accepted: readonly string[]): unknown {
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw badRequest(`error decoding request body: json: ${(err as Error).message}`);
    }
  }
  if (type === 'application/yaml' || type.endsWith('+yaml')) {
    try {
      return parseYaml(text) as unknown;
    } catch (err) {
      throw badRequest(`error decoding request body: yaml: ${(err as Error).message}`);
    }
  }
  throw unsupportedMediaType(accepted);
}
