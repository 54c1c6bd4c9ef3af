/**
 * `kustomize build` (krusty.Kustomizer.Run): accumulate the target, add generator name hashes,
 * fix name references, resolve vars, drop local-config objects, sort, strip build annotations,
 * and print each resource the way kustomize does.
 */
import { marshalYaml } from '../yaml/index.ts';
import { throwIfAborted } from '../../core/index.ts';
import { ANN } from './annotations.ts';
import type { BuildContext } from './context.ts';
import { KustomizeError } from './errors.ts';
import { Loader, type LoadRestrictor } from './loader.ts';
import { loadOpenApi } from './openapi.ts';
import { hashTransformer } from './plugins.ts';
import type { RemoteFetcher } from './remote.ts';
import type { Resource, KObject } from './resource.ts';
import { chainSchemas, type MergeSchema } from './smp/schema.ts';
import { builtinMergeSchema } from './smp/kube-schema.ts';
import { KustTarget } from './target.ts';
import { mapEntriesTransformer } from './transformers/labels.ts';
import { nameReferenceTransformer } from './transformers/name-reference.ts';
import { sortTransformer } from './transformers/sort.ts';
import { resolveVars } from './vars.ts';

export interface KustomizeOptions {
  /** `LoadRestrictionsRootOnly` (default): files must be in or below the kustomization root. */
  loadRestrictor: LoadRestrictor;
  /** Allows non-built-in plugins (which Capstan still does not run; kept for flag parity). */
  enableAlphaPlugins: boolean;
  /** Output order when the kustomization has no `sortOptions`: kustomize build's `legacy`, or input order. */
  reorder: 'legacy' | 'none';
  /** Type knowledge for strategic merge patches (merge keys): the kube module's built-in types. */
  schema: MergeSchema;
  /** Fetches remote bases; without one, remote bases fail with a clear error. */
  remote: RemoteFetcher | undefined;
  /**
   * A directory that acts as the file system root for the build (a repository checkout, or a
   * test tree): no path resolves outside it, and `..` at its top stays there, as at `/`.
   */
  fsRoot: string | undefined;
  signal: AbortSignal | undefined;
}

export const defaultKustomizeOptions: KustomizeOptions = {
  loadRestrictor: 'LoadRestrictionsRootOnly',
  enableAlphaPlugins: false,
  reorder: 'legacy',
  schema: builtinMergeSchema(),
  remote: undefined,
  fsRoot: undefined,
  signal: undefined,
};

/** One rendered object with where it came from and what changed it. */
export interface RenderedResource {
  object: KObject;
  /** File (relative to the built directory) or generator that produced it. */
  source: string;
  /** Transformers, patches and generators that touched it, in order. */
  steps: string[];
}

export interface KustomizeResult {
  resources: RenderedResource[];
  /** Exactly what `kubectl kustomize` prints. */
  yaml: string;
  /** Deprecation warnings (`# Warning: 'commonLabels' is deprecated. …`), as kustomize prints on stderr. */
  warnings: string[];
}

const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const KUSTOMIZE_VERSION = 'v5.5.0';

export async function kustomizeBuild(
  dir: string,
  options: Partial<KustomizeOptions> = {},
): Promise<KustomizeResult> {
  const o: KustomizeOptions = { ...defaultKustomizeOptions, ...options };
  const signal = o.signal ?? new AbortController().signal;
  throwIfAborted(signal);
  const ldr = Loader.at(dir, o.loadRestrictor, o.remote, o.fsRoot);
  const ctx: BuildContext = {
    root: ldr.root,
    loadRestrictor: o.loadRestrictor,
    enableAlphaPlugins: o.enableAlphaPlugins,
    schema: o.schema,
    remote: o.remote,
    signal,
    warnings: [],
  };
  const kt = new KustTarget(ldr, ctx);
  kt.load();
  const custom = loadOpenApi(kt.k.openapi, ldr);
  if (custom) ctx.schema = chainSchemas(custom, o.schema);
  const buildMetadata = kt.k.buildMetadata ?? [];
  if (buildMetadata.length > 0) kt.origin = {};
  const ra = await kt.accumulateTarget();
  const m = ra.resMap;
  await hashTransformer().transform(m);
  m.invalidate();
  await nameReferenceTransformer(ra.config.nameReference).transform(m);
  m.invalidate();
  resolveVars(m, ra.vars, ra.config.varReference);
  m.invalidate();
  m.list = m.list.filter((r) => {
    const v = r.getAnnotation(ANN.localConfig);
    return v === undefined || v === 'false';
  });
  throwIfAborted(signal);
  if (kt.k.sortOptions) await sortTransformer(kt.k.sortOptions).transform(m);
  else if (o.reorder === 'legacy') await sortTransformer({ order: 'legacy' }).transform(m);
  if (buildMetadata.includes('managedByLabel')) {
    await mapEntriesTransformer('LabelTransformer', { [MANAGED_BY]: `kustomize-${KUSTOMIZE_VERSION}` }, [
      { path: 'metadata/labels', create: true },
    ]).transform(m);
    m.invalidate();
  }
  for (const r of m.list) r.removeBuildAnnotations();
  if (!buildMetadata.includes('originAnnotations')) for (const r of m.list) dropAnnotation(r, ANN.origin);
  if (!buildMetadata.includes('transformerAnnotations'))
    for (const r of m.list) dropAnnotation(r, ANN.transformations);
  const docs: string[] = [];
  for (const r of m.list) {
    try {
      docs.push(marshalYaml(r.obj));
    } catch (err) {
      throw new KustomizeError(`${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return {
    resources: m.list.map((r) => ({ object: r.obj, source: r.trace.source, steps: r.trace.steps })),
    yaml: docs.join('---\n'),
    warnings: ctx.warnings,
  };
}

/** SetOrigin(nil)/ClearTransformations: delete the key and rewrite the map (dropping it when empty). */
function dropAnnotation(r: Resource, key: string): void {
  const a = r.getAnnotations();
  delete a[key];
  r.setAnnotations(a);
}
