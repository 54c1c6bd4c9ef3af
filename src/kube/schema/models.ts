import { createRequire } from 'node:module';

/**
 * Access to `@kubernetes/client-node`'s generated model classes (`V1PodSpec`, …) and their static
 * `attributeTypeMap`, through the package's public entry point. The package is loaded on first use
 * (Node 24 can `require` an ES module synchronously), so importing `kube` stays cheap for callers
 * that never walk a schema.
 */

export interface ModelAttribute {
  /** The TypeScript property name (`_default` for `default`). */
  readonly name: string;
  /** The JSON field name. */
  readonly baseName: string;
  /** `string`, `number`, `boolean`, `Date`, `any`, `IntOrString`, a model name, `Array<T>` or `{ [key: string]: T; }`. */
  readonly type: string;
  readonly format: string;
}

interface ModelClass {
  readonly attributeTypeMap: readonly ModelAttribute[];
}

let loaded: Map<string, readonly ModelAttribute[]> | undefined;

function load(): Map<string, readonly ModelAttribute[]> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const exports = require('@kubernetes/client-node') as Record<string, unknown>;
  const models = new Map<string, readonly ModelAttribute[]>();
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function') continue;
    const attrs = (value as unknown as Partial<ModelClass>).attributeTypeMap;
    if (Array.isArray(attrs)) models.set(name, attrs as readonly ModelAttribute[]);
  }
  loaded = models;
  return models;
}

/** The attributes of a client-node model, or undefined when no such model exists. */
export function modelAttributes(model: string): readonly ModelAttribute[] | undefined {
  return load().get(model);
}

/** Every model name, for tests and tools. */
export function modelNames(): string[] {
  return [...load().keys()];
}

const MODEL_NAME = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z].*)$/;

/** Splits `CoreV1Event` into group prefix `Core`, version `V1`, Go type `Event`. */
export function parseModelName(
  model: string,
): { groupPrefix: string; version: string; goType: string } | undefined {
  const m = MODEL_NAME.exec(model);
  if (!m) return undefined;
  return { groupPrefix: m[1] ?? '', version: m[2] ?? '', goType: m[3] ?? '' };
}

/**
 * The client-node model of a Go type in a group/version (`core/v1` + `PodSpec` → `V1PodSpec`).
 * client-node prefixes the group only where two groups share a type name at the same version
 * (`CoreV1Event`, `EventsV1Event`), so the prefixed name wins when it exists.
 */
export function modelFor(gv: string, goType: string): string | undefined {
  const slash = gv.indexOf('/');
  const group = slash < 0 ? 'core' : gv.slice(0, slash);
  const version = slash < 0 ? gv : gv.slice(slash + 1);
  const v = version.charAt(0).toUpperCase() + version.slice(1);
  const groupWord = group.split('.')[0] ?? group;
  const prefixed = `${groupWord.charAt(0).toUpperCase()}${groupWord.slice(1)}${v}${goType}`;
  if (modelAttributes(prefixed)) return prefixed;
  const plain = `${v}${goType}`;
  return modelAttributes(plain) ? plain : undefined;
}
