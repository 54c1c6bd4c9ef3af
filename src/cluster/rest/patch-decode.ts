import { BodyDecodeError, decodeJsonStrict, decodeYamlStrict } from '../../kube/index.ts';
import { badRequest } from '../errors.ts';
import type { DecodedPatch } from './patch-types.ts';

/** A JSON patch body (JSON, merge, strategic merge), with its duplicate fields. */
export function decodeJson(body: string): DecodedPatch {
  try {
    const { value, problems } = decodeJsonStrict(body, undefined);
    return { patch: value, problems };
  } catch (err) {
    if (err instanceof BodyDecodeError) throw badRequest(`error decoding patch: ${err.message}`);
    throw err;
  }
}

/** An apply body: YAML, of which the JSON kubectl and client libraries send is a subset. */
export function decodeYaml(body: string): DecodedPatch {
  // JSON bodies (the usual case) take the fast JSON reader; the YAML reader is needed for YAML,
  // and to word duplicate keys as the server's YAML decoder does.
  if (body.trimStart().startsWith('{')) {
    try {
      const json = decodeJsonStrict(body, undefined);
      if (json.problems.length === 0) return { patch: json.value, problems: [] };
    } catch (err) {
      // A YAML flow mapping also starts with "{": the YAML reader decides.
      if (!(err instanceof BodyDecodeError)) throw err;
    }
  }
  try {
    const { value, problems } = decodeYamlStrict(body, undefined);
    return { patch: value, problems };
  } catch (err) {
    if (err instanceof BodyDecodeError) throw badRequest(`error decoding YAML: ${err.message}`);
    throw err;
  }
}
