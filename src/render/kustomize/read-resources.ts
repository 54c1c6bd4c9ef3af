/**
 * Resources from YAML text (resource.Factory.SliceFromBytes): every non-empty document, each
 * checked for `kind` and `metadata.name`, with `*List` kinds expanded into their items (items
 * are queued after the remaining documents, as kustomize does).
 */
import { parseYamlDocuments, YamlSyntaxError } from '../yaml/index.ts';
import { KustomizeError } from './errors.ts';
import { isMap } from './fieldspec.ts';
import { Resource, scalarText, type KObject } from './resource.ts';

export class MalformedYamlError extends KustomizeError {}

function meta(o: KObject): string {
  const md = isMap(o['metadata']) ? o['metadata'] : {};
  return `{{${scalarText(o['apiVersion'])} ${scalarText(o['kind'])}} {{${scalarText(md['name'])} ${scalarText(md['namespace'])}} map[] map[]}}`;
}

function validate(o: KObject): void {
  const kind = scalarText(o['kind']);
  if (kind === '') throw new KustomizeError(`missing kind in object ${meta(o)}`);
  if (kind.endsWith('List')) return;
  const md = o['metadata'];
  if (!isMap(md) || scalarText(md['name']) === '')
    throw new KustomizeError(`missing metadata.name in object ${meta(o)}`);
}

/** Parses resource documents; `source` names the file in errors and traces. */
export function objectsFromText(text: string, source: string): KObject[] {
  let docs: unknown[];
  try {
    docs = parseYamlDocuments(text, { file: source, dialect: 'v3' });
  } catch (err) {
    if (err instanceof YamlSyntaxError) {
      throw new MalformedYamlError(
        `MalformedYAMLError: yaml: line ${err.line}: ${err.message.replace(/^[^:]*:\d+: /, '')} in File: ${source}`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
  const queue: KObject[] = [];
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (!isMap(d))
      throw new KustomizeError(
        `wrong node kind: expected MappingNode but got ${Array.isArray(d) ? 'SequenceNode' : 'ScalarNode'}: in File: ${source}`,
      );
    if (Object.keys(d).length === 0) continue;
    validate(d);
    queue.push(d);
  }
  const out: KObject[] = [];
  while (queue.length > 0) {
    const o = queue.shift()!;
    const kind = scalarText(o['kind']);
    if (!kind.endsWith('List') || !Object.hasOwn(o, 'items')) {
      out.push(o);
      continue;
    }
    const items = o['items'];
    if (items === null) continue;
    if (!Array.isArray(items))
      throw new KustomizeError(`expected array in ${kind}/items, but found ${typeof items}`);
    for (const it of items) {
      if (it === null || (isMap(it) && Object.keys(it).length === 0)) continue;
      if (!isMap(it)) throw new KustomizeError(`wrong node kind: expected MappingNode in ${kind}/items`);
      validate(it);
      queue.push(it);
    }
  }
  return out;
}

export function resourcesFromText(text: string, source: string): Resource[] {
  return objectsFromText(text, source).map((o) => new Resource(o, { source, steps: [] }));
}
