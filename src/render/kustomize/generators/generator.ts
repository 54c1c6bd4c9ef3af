/**
 * `configMapGenerator:` and `secretGenerator:` (api/internal/generators). A generated object
 * carries its behavior (create/merge/replace) and whether it needs a hash suffix as build
 * annotations; the suffix itself is added after all transformers (hash-suffix.ts).
 */
import { ANN } from '../annotations.ts';
import { KustomizeError, wrap } from '../errors.ts';
import type { Loader } from '../loader.ts';
import type { GeneratorArgs, GeneratorOptions } from '../kustomization.ts';
import { Resource, type KObject } from '../resource.ts';
import { loadPairs } from './kv-sources.ts';

/** Go's base64 with a line break after every 70 characters once the text reaches 70. */
export function encodeBase64Lines(data: Buffer): string {
  const enc = data.toString('base64');
  const lineLen = 70;
  const lines = Math.floor(enc.length / lineLen) + 1;
  if (lines <= 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += lineLen) out += enc.slice(i, i + lineLen) + '\n';
  return out;
}

/** types.MergeGlobalOptionsIntoLocal. */
export function mergeOptions(
  local: GeneratorOptions | undefined,
  global: GeneratorOptions | undefined,
): GeneratorOptions | undefined {
  if (!global) return local;
  const o: GeneratorOptions = { ...(local ?? {}) };
  if (o.labels) o.labels = { ...global.labels, ...o.labels };
  else if (global.labels) o.labels = { ...global.labels };
  if (o.annotations) o.annotations = { ...global.annotations, ...o.annotations };
  else if (global.annotations) o.annotations = { ...global.annotations };
  if (global.disableNameSuffixHash) o.disableNameSuffixHash = true;
  if (global.immutable) o.immutable = true;
  return o;
}

function base(kind: string, args: GeneratorArgs): KObject {
  if (!args.name) throw new KustomizeError('a configmap must have a name');
  const metadata: KObject = { name: args.name };
  if (args.namespace) metadata['namespace'] = args.namespace;
  return { apiVersion: 'v1', kind, metadata };
}

function finish(obj: KObject, args: GeneratorArgs, source: string): Resource {
  const opts = args.options;
  const md = obj['metadata'] as KObject;
  if (opts?.labels && Object.keys(opts.labels).length) md['labels'] = { ...opts.labels };
  if (opts?.annotations && Object.keys(opts.annotations).length) md['annotations'] = { ...opts.annotations };
  if (opts?.immutable) obj['immutable'] = true;
  const r = new Resource(obj, { source, steps: [] });
  if (!opts?.disableNameSuffixHash) r.setAnnotation(ANN.needsHashSuffix, 'enabled');
  const b = args.behavior ?? '';
  r.setAnnotation(
    ANN.generatorBehavior,
    b === 'create' || b === 'merge' || b === 'replace' ? b : 'unspecified',
  );
  return r;
}

function dataMap(ldr: Loader, args: GeneratorArgs): Map<string, { value: string; binary?: Buffer }> {
  let pairs;
  try {
    pairs = loadPairs(ldr, args);
  } catch (err) {
    throw wrap(err, 'loading KV pairs');
  }
  const m = new Map<string, { value: string; binary?: Buffer }>();
  for (const p of pairs) {
    if (m.has(p.key))
      throw new KustomizeError(`configmap ${args.name ?? ''} illegally repeats the key \`${p.key}\``);
    m.set(p.key, p.binary ? { value: p.value, binary: p.binary } : { value: p.value });
  }
  return m;
}

export function makeConfigMap(ldr: Loader, args: GeneratorArgs, source: string): Resource {
  const obj = base('ConfigMap', args);
  const m = dataMap(ldr, args);
  for (const k of [...m.keys()].sort()) {
    const v = m.get(k)!;
    const field = v.binary ? 'binaryData' : 'data';
    const target = (obj[field] ??= {}) as KObject;
    target[k] = v.binary ? encodeBase64Lines(v.binary) : v.value;
  }
  return finish(obj, args, source);
}

export function makeSecret(ldr: Loader, args: GeneratorArgs, source: string): Resource {
  const obj = base('Secret', args);
  obj['type'] = args.type || 'Opaque';
  const m = dataMap(ldr, args);
  const data: KObject = {};
  for (const k of [...m.keys()].sort()) {
    const v = m.get(k)!;
    data[k] = encodeBase64Lines(v.binary ?? Buffer.from(v.value, 'utf8'));
  }
  obj['data'] = data;
  return finish(obj, args, source);
}
