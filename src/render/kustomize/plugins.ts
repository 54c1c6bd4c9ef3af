/**
 * Inline and file configs of built-in plugins in `generators:` and `transformers:`
 * (`apiVersion: builtin`, `kind: PrefixTransformer`, …), configured as kustomize's plugin loader
 * does. Other (exec, container, Go) plugins are not run.
 */
import { ANN } from './annotations.ts';
import { KustomizeError } from './errors.ts';
import { makeConfigMap, makeSecret } from './generators/generator.ts';
import { resourceHash } from './generators/hash.ts';
import { isMap } from './fieldspec.ts';
import type { FieldSpec, GeneratorArgs, Replica, SortOptions } from './kustomization.ts';
import { scalarText } from './resource.ts';
import { parseOrigin, type Origin } from './origin.ts';
import { resIdString } from './resid.ts';
import type { ResMap } from './resmap.ts';
import { Resource } from './resource.ts';
import type { KustTarget } from './target.ts';
import { imageTagTransformer } from './transformers/images.ts';
import { mapEntriesTransformer } from './transformers/labels.ts';
import { namespaceTransformer, type RoleBindingSubjectMode } from './transformers/namespace.ts';
import {
  patchJson6902Transformer,
  patchStrategicMergeTransformer,
  patchTransformer,
} from './transformers/patch.ts';
import { prefixSuffixTransformer } from './transformers/prefix-suffix.ts';
import { loadReplacements, replacementTransformer } from './transformers/replacements.ts';
import { replicaCountTransformer } from './transformers/replicas.ts';
import { sortTransformer } from './transformers/sort.ts';
import type { Transformer } from './transformers/transformer.ts';

export type PluginKind = 'generator' | 'transformer';

export interface ConfiguredPlugin {
  name: string;
  origin: Origin | undefined;
  transformer?: Transformer;
  generate?: () => Resource[];
}

/** sigs.k8s.io/yaml decodes config keys case-insensitively. */
function field(c: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(c, name)) return c[name];
  const l = name.toLowerCase();
  for (const k of Object.keys(c)) if (k.toLowerCase() === l) return c[k];
  return undefined;
}

const fieldSpecs = (c: Record<string, unknown>): FieldSpec[] =>
  (field(c, 'fieldSpecs') as FieldSpec[] | undefined) ?? [];
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isMap(v)) for (const [k, x] of Object.entries(v)) out[k] = scalarText(x);
  return out;
};

function hashTransformer(): Transformer {
  return {
    name: 'HashTransformer',
    transform(m: ResMap): void {
      for (const r of m.list) {
        if (!r.needHashSuffix()) continue;
        const h = resourceHash(r.obj);
        r.storePreviousId();
        r.setName(`${r.getName()}-${h}`);
      }
    },
  };
}

function iamPolicyGenerator(c: Record<string, unknown>): () => Resource[] {
  return () => {
    const cloud = scalarText(field(c, 'cloud'));
    if (cloud !== 'gke') throw new KustomizeError(`cloud ${cloud} is not yet supported`);
    const ks = (field(c, 'kubernetesService') ?? {}) as Record<string, unknown>;
    const sa = (field(c, 'serviceAccount') ?? {}) as Record<string, unknown>;
    const metadata: Record<string, unknown> = {
      annotations: {
        'iam.gke.io/gcp-service-account': `${scalarText(sa['name'])}@${scalarText(sa['projectId'])}.iam.gserviceaccount.com`,
      },
      name: scalarText(ks['name']),
    };
    if (ks['namespace']) metadata['namespace'] = scalarText(ks['namespace']);
    return [
      new Resource(
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
        { source: 'IAMPolicyGenerator', steps: [] },
      ),
    ];
  };
}

function generatorArgs(c: Record<string, unknown>): GeneratorArgs {
  const md = (field(c, 'metadata') ?? {}) as Record<string, unknown>;
  const args: GeneratorArgs = {};
  const get = (k: string): unknown => field(c, k);
  args.name = (get('name') as string | undefined) || (md['name'] as string | undefined) || '';
  const ns = (get('namespace') as string | undefined) || (md['namespace'] as string | undefined);
  if (ns) args.namespace = ns;
  for (const k of ['behavior', 'type'] as const) if (get(k) !== undefined) args[k] = String(get(k));
  for (const k of ['literals', 'files', 'envs'] as const)
    if (Array.isArray(get(k))) args[k] = get(k) as string[];
  if (get('env')) args.envs = [...(args.envs ?? []), String(get('env'))];
  if (isMap(get('options'))) args.options = get('options') as GeneratorArgs['options'];
  return args;
}

export function configurePlugin(r: Resource, kind: PluginKind, kt: KustTarget): ConfiguredPlugin {
  const gvk = r.getGvk();
  const c = r.obj;
  const id = resIdString(r.orgId());
  const ann = r.getAnnotation(ANN.origin);
  let origin: Origin | undefined;
  if (ann !== undefined) {
    const o = parseOrigin(ann);
    origin = {
      configuredIn: o.path ?? '',
      configuredBy: { apiVersion: r.getApiVersion(), kind: r.getKind(), name: r.getName() },
    };
    if (o.repo) origin.repo = o.repo;
    if (o.ref) origin.ref = o.ref;
    if (r.getNamespace()) origin.configuredBy!.namespace = r.getNamespace();
  }
  if (gvk.group !== '' || gvk.version !== 'builtin') {
    if (!kt.ctx.enableAlphaPlugins) {
      throw new KustomizeError(`external plugins disabled; unable to load external plugin '${gvk.kind}'`);
    }
    throw new KustomizeError(
      `plugin ${id} fails configuration: external plugins are not supported by Capstan`,
    );
  }
  const name = gvk.kind;
  const done = (p: Omit<ConfiguredPlugin, 'name' | 'origin'>): ConfiguredPlugin => {
    if (kind === 'generator' && !p.generate) throw new KustomizeError(`plugin ${id} not a generator`);
    if (kind === 'transformer' && !p.transformer) throw new KustomizeError(`plugin ${id} not a transformer`);
    return { name, origin, ...p };
  };
  const source = kt.rel(kt.kustFileName);
  try {
    switch (name) {
      case 'ConfigMapGenerator':
        return done({ generate: () => [makeConfigMap(kt.ldr, generatorArgs(c), source)] });
      case 'SecretGenerator':
        return done({ generate: () => [makeSecret(kt.ldr, generatorArgs(c), source)] });
      case 'IAMPolicyGenerator':
        return done({ generate: iamPolicyGenerator(c) });
      case 'AnnotationsTransformer':
        return done({
          transformer: mapEntriesTransformer(
            'AnnotationsTransformer',
            strMap(field(c, 'annotations')),
            fieldSpecs(c),
          ),
        });
      case 'LabelTransformer':
        return done({
          transformer: mapEntriesTransformer('LabelTransformer', strMap(field(c, 'labels')), fieldSpecs(c)),
        });
      case 'NamespaceTransformer': {
        const md = (field(c, 'metadata') ?? {}) as Record<string, unknown>;
        return done({
          transformer: namespaceTransformer({
            namespace: scalarText(md['namespace']),
            fieldSpecs: fieldSpecs(c),
            unsetOnly: field(c, 'unsetOnly') === true,
            setRoleBindingSubjects:
              (field(c, 'setRoleBindingSubjects') as RoleBindingSubjectMode | undefined) ?? '',
          }),
        });
      }
      case 'PrefixTransformer':
      case 'SuffixTransformer': {
        const which = name === 'PrefixTransformer' ? 'prefix' : 'suffix';
        if (field(c, 'fieldSpecs') === undefined)
          throw new KustomizeError('fieldSpecs is not expected to be nil');
        return done({
          transformer: prefixSuffixTransformer(which, scalarText(field(c, which)), fieldSpecs(c)),
        });
      }
      case 'PrefixSuffixTransformer': {
        const pre = prefixSuffixTransformer('prefix', scalarText(field(c, 'prefix')), fieldSpecs(c));
        const suf = prefixSuffixTransformer('suffix', scalarText(field(c, 'suffix')), fieldSpecs(c));
        return done({
          transformer: {
            name,
            transform: async (m) => {
              await pre.transform(m);
              await suf.transform(m);
            },
          },
        });
      }
      case 'ImageTagTransformer':
        return done({
          transformer: imageTagTransformer(field(c, 'imageTag') ?? {}, fieldSpecs(c)),
        });
      case 'ReplicaCountTransformer':
        return done({
          transformer: replicaCountTransformer(
            (field(c, 'replica') ?? { count: 0 }) as Replica,
            fieldSpecs(c),
          ),
        });
      case 'PatchTransformer':
        return done({ transformer: patchTransformer(c, kt.ldr, kt.ctx.schema, source) });
      case 'PatchStrategicMergeTransformer': {
        const paths = (field(c, 'paths') as string[] | undefined) ?? [];
        const patches = field(c, 'patches');
        return done({
          transformer: patchStrategicMergeTransformer(
            [...paths, ...(typeof patches === 'string' && patches ? [patches] : [])],
            kt.ldr,
            kt.ctx.schema,
          ),
        });
      }
      case 'PatchJson6902Transformer':
        return done({ transformer: patchJson6902Transformer(c, kt.ldr) });
      case 'ReplacementTransformer':
        return done({
          transformer: replacementTransformer(
            loadReplacements((field(c, 'replacements') as Record<string, unknown>[]) ?? [], kt.ldr),
          ),
        });
      case 'SortOrderTransformer':
        return done({ transformer: sortTransformer(field(c, 'sortOptions') as SortOptions | undefined) });
      case 'HashTransformer':
        return done({ transformer: hashTransformer() });
      case 'HelmChartInflationGenerator':
        throw new KustomizeError("helmCharts are not yet supported by Capstan's native kustomize", {
          code: 'KUSTOMIZE_UNSUPPORTED',
        });
      default:
        throw new KustomizeError(`unable to load builtin ${gvk.kind}.${gvk.version}.[noGrp]`);
    }
  } catch (err) {
    if (err instanceof KustomizeError && err.message.startsWith('plugin ')) throw err;
    throw new KustomizeError(
      `plugin ${id} fails configuration: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

export { hashTransformer };
