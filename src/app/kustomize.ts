/**
 * `capstan kustomize build`: renders a kustomization with Capstan's native kustomize, wired to
 * the modules it needs: the kube module's type schema for strategic-merge keys (answers kept in a
 * small cache file, so later runs need not load the schema), and the source module's git client for
 * remote bases. Render is imported on first use so that other commands do not pay for it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitRemoteFetcher } from './kustomize-remote.ts';

export interface KustomizeBuildCommandOptions {
  loadRestrictor: 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';
  enableAlphaPlugins: boolean;
  /** File of cached merge-key answers; empty disables the cache. */
  schemaCacheFile: string;
  signal: AbortSignal | undefined;
}

/** The cache is keyed by what determines the answers: Capstan's and client-node's versions. */
function schemaCacheName(): string {
  const version = (file: URL): string => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const capstan = version(new URL('../../package.json', import.meta.url));
  const clientNode = version(
    new URL('../../node_modules/@kubernetes/client-node/package.json', import.meta.url),
  );
  return `capstan-kustomize-schema-${capstan}-${clientNode}.json`;
}

export const defaultKustomizeBuildCommandOptions: KustomizeBuildCommandOptions = {
  loadRestrictor: 'LoadRestrictionsRootOnly',
  enableAlphaPlugins: false,
  schemaCacheFile: join(tmpdir(), schemaCacheName()),
  signal: undefined,
};

/** The YAML stream `kubectl kustomize DIR` prints for `dir`, and the warnings it prints on stderr. */
export async function kustomizeBuildYaml(
  dir: string,
  options: Partial<KustomizeBuildCommandOptions> = {},
): Promise<{ yaml: string; warnings: string[] }> {
  const o = { ...defaultKustomizeBuildCommandOptions, ...options };
  const { kustomizeBuild, builtinMergeSchema } = await import('../render/index.ts');
  const schema = builtinMergeSchema(o.schemaCacheFile || undefined);
  try {
    const result = await kustomizeBuild(dir, {
      loadRestrictor: o.loadRestrictor,
      enableAlphaPlugins: o.enableAlphaPlugins,
      schema,
      remote: gitRemoteFetcher(),
      signal: o.signal,
    });
    return { yaml: result.yaml, warnings: result.warnings };
  } finally {
    schema.flush();
  }
}
