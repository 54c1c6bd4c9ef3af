/**
 * `openapi:` in a kustomization: `path:` to a custom OpenAPI schema (JSON or YAML, `definitions`
 * with `x-kubernetes-group-version-kind`) whose patch strategies and merge keys take precedence
 * for strategic merge, or `version:` of kustomize's built-in schema (only the default is bundled).
 */
import { parseYaml } from '../yaml/index.ts';
import { KustomizeError } from './errors.ts';
import { isMap } from './fieldspec.ts';
import type { Loader } from './loader.ts';
import type { MergeSchema, SchemaNode } from './smp/schema.ts';

type Def = Record<string, unknown>;

function node(def: Def | undefined, defs: Record<string, Def>, depth = 0): SchemaNode | undefined {
  if (!def || depth > 50) return undefined;
  const ref = def['$ref'];
  if (typeof ref === 'string') return node(defs[ref.replace('#/definitions/', '')], defs, depth + 1);
  return {
    field(name) {
      const p = def['properties'];
      return isMap(p) ? node(p[name] as Def | undefined, defs, depth + 1) : undefined;
    },
    elements() {
      const items = def['items'];
      return isMap(items) ? node(items, defs, depth + 1) : undefined;
    },
    patchStrategy() {
      const strategy =
        typeof def['x-kubernetes-patch-strategy'] === 'string' ? def['x-kubernetes-patch-strategy'] : '';
      const mapKeys = def['x-kubernetes-list-map-keys'];
      const key = def['x-kubernetes-patch-merge-key'];
      const keys = Array.isArray(mapKeys) ? mapKeys.map(String) : typeof key === 'string' ? [key] : [];
      return { strategy, keys };
    },
  };
}

export function loadOpenApi(
  openapi: Record<string, string> | undefined,
  ldr: Loader,
): MergeSchema | undefined {
  if (!openapi) return undefined;
  const version = openapi['version'];
  if (version !== undefined && version !== 'v1.21.2' && version !== '') {
    throw new KustomizeError(`the specified OpenAPI version is not built in: ${version}`);
  }
  const path = openapi['path'];
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = ldr.load(path);
  } catch (err) {
    throw new KustomizeError(
      `'${path.startsWith('/') ? path : `${ldr.root}/${path}`}' doesn't exist: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const doc = (
    text.trimStart()[0] === '{' ? JSON.parse(text) : parseYaml(text, { file: path, dialect: 'v2' })
  ) as Def;
  const defs = (isMap(doc['definitions']) ? doc['definitions'] : {}) as Record<string, Def>;
  const byType = new Map<string, Def>();
  for (const def of Object.values(defs)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks as Record<string, string>[]) {
      const apiVersion = g['group'] ? `${g['group']}/${g['version']}` : (g['version'] ?? '');
      byType.set(`${apiVersion} ${g['kind'] ?? ''}`, def);
    }
  }
  return { forType: (apiVersion, kind) => node(byType.get(`${apiVersion} ${kind}`), defs) };
}
