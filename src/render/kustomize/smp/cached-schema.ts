/**
 * A MergeSchema that answers from a small on-disk table when it can. The built-in type schema is
 * expensive to load (the kube module reads its type graph from @kubernetes/client-node, ~0.5 s),
 * while a build asks about a handful of list fields; the answers are recorded per
 * `apiVersion kind` and field path and reused by later processes, like Node's compile cache.
 * The real schema is loaded only when a question is not in the table.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MergeSchema, SchemaNode } from './schema.ts';

interface Answer {
  strategy: string;
  keys: string[];
}

/** `null`: no schema there (unknown type or field). */
type Table = Record<string, Answer | null>;

export interface CachedSchema extends MergeSchema {
  /** Writes new answers to the cache file (no-op when nothing was learned). */
  flush(): void;
}

export function cachedSchema(load: () => Promise<MergeSchema>, cacheFile: string | undefined): CachedSchema {
  let table: Table = {};
  if (cacheFile) {
    try {
      table = JSON.parse(readFileSync(cacheFile, 'utf8')) as Table;
    } catch {
      table = {};
    }
  }
  let real: MergeSchema | undefined;
  let dirty = false;

  const resolve = (type: string, path: string[]): Answer | null => {
    if (!real) throw new Error(`internal: merge schema asked about ${type} before prepare()`);
    const sp = type.indexOf(' ');
    let node: SchemaNode | undefined = real.forType(type.slice(0, sp), type.slice(sp + 1));
    for (const p of path) {
      if (!node) break;
      node = p === '[]' ? node.elements() : node.field(p);
    }
    return node ? node.patchStrategy() : null;
  };

  const node = (type: string, path: string[]): SchemaNode => ({
    field: (name) => node(type, [...path, name]),
    elements: () => node(type, [...path, '[]']),
    patchStrategy: () => {
      const key = `${type}|${path.join('/')}`;
      let a = table[key];
      if (a === undefined) {
        a = resolve(type, path);
        table[key] = a;
        dirty = true;
      }
      return a ?? { strategy: '', keys: [] };
    },
  });

  return {
    forType: (apiVersion, kind) => node(`${apiVersion} ${kind}`, []),
    async prepare(apiVersion, kind, paths) {
      const type = `${apiVersion} ${kind}`;
      const missing = paths.filter((p) => table[`${type}|${p.join('/')}`] === undefined);
      if (missing.length === 0) return;
      real ??= await load();
      for (const p of missing) {
        table[`${type}|${p.join('/')}`] = resolve(type, p);
        dirty = true;
      }
    },
    flush() {
      if (!dirty || !cacheFile) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(table));
        renameSync(tmp, cacheFile);
        dirty = false;
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}
