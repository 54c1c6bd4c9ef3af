/**
 * The kustomization file: read as kustomize does (sigs.k8s.io/yaml, i.e. YAML 1.1 through go-yaml
 * v2, then encoding/json with unknown fields rejected and keys matched case-insensitively), with
 * the deprecated fields folded in (FixKustomization): `bases` into `resources`, `imageTags` into
 * `images`, `env` into `envs`.
 */
import { parseYaml } from '../yaml/index.ts';
import { KustomizeError } from './errors.ts';
import { foldField } from './case-fold.ts';
import { checkNested, goType, objList, str, strList, strMap } from './kustomization-decode.ts';

export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  namespace?: string;
  name?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  options?: GeneratorOptions;
  /** Secret only. */
  type?: string;
}

export interface PatchSpec {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: Record<string, boolean>;
}

export interface Image {
  name?: string;
  newName?: string;
  tagSuffix?: string;
  newTag?: string;
  digest?: string;
}

export interface Replica {
  name?: string;
  count: number;
}

export interface Var {
  name: string;
  objref: {
    group?: string;
    version?: string;
    kind?: string;
    apiVersion?: string;
    name: string;
    namespace?: string;
  };
  fieldref?: { fieldPath?: string };
}

export interface Label {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

export interface SortOptions {
  order?: string;
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

export interface Kustomization {
  apiVersion: string;
  kind: string;
  metadata?: Record<string, unknown>;
  openapi?: Record<string, string>;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: Label[];
  commonAnnotations?: Record<string, string>;
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchSpec[];
  patches?: PatchSpec[];
  images?: Image[];
  replacements?: Record<string, unknown>[];
  replicas?: Replica[];
  vars?: Var[];
  sortOptions?: SortOptions;
  resources: string[];
  components?: string[];
  crds?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  helmGlobals?: unknown;
  helmCharts?: unknown[];
  helmChartInflationGenerator?: unknown[];
  generatorOptions?: GeneratorOptions;
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  validators?: string[];
  buildMetadata?: string[];
  /** kustomize's deprecation warnings for this file (printed on stderr, as kubectl does). */
  warnings: string[];
}

const FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";
const DEPRECATED: [string, string][] = [
  ['bases', `# Warning: 'bases' is deprecated. Please use 'resources' instead. ${FIX}`],
  ['commonLabels', `# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. ${FIX}`],
  ['imageTags', `# Warning: 'imageTags' is deprecated. Please use 'images' instead. ${FIX}`],
  ['patchesJson6902', `# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${FIX}`],
  [
    'patchesStrategicMerge',
    `# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${FIX}`,
  ],
  ['vars', `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${FIX}`],
];

const FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
];
const BY_LOWER = new Map(FIELDS.map((f) => [f.toLowerCase(), f]));

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Parses kustomization text; `root` names the directory in errors. */
export function parseKustomization(text: string, file: string): Kustomization {
  let raw: unknown;
  try {
    raw = parseYaml(text, { file, dialect: 'v2' });
  } catch (err) {
    throw new KustomizeError(`invalid Kustomization: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new KustomizeError(
      `invalid Kustomization: json: cannot unmarshal ${goType(raw)} into Go value of type types.Kustomization`,
    );
  }
  const src: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const f = BY_LOWER.get(k.toLowerCase());
    if (!f) throw new KustomizeError(`invalid Kustomization: json: unknown field "${k}"`);
    src[f] = foldField(f, v);
  }
  const k: Kustomization = {
    apiVersion: str(src['apiVersion'], 'apiVersion') ?? '',
    kind: str(src['kind'], 'kind') ?? '',
    resources: [...(strList(src['resources'], 'resources') ?? []), ...(strList(src['bases'], 'bases') ?? [])],
    warnings: DEPRECATED.filter(([f]) => src[f] !== undefined && src[f] !== null).map(([, w]) => w),
  };
  const set = <K extends keyof Kustomization>(key: K, v: Kustomization[K] | undefined): void => {
    if (v !== undefined) k[key] = v;
  };
  set('metadata', src['metadata'] as Record<string, unknown> | undefined);
  set('openapi', strMap(src['openapi'], 'openapi'));
  set('namePrefix', str(src['namePrefix'], 'namePrefix'));
  set('nameSuffix', str(src['nameSuffix'], 'nameSuffix'));
  set('namespace', str(src['namespace'], 'namespace'));
  set('commonLabels', strMap(src['commonLabels'], 'commonLabels'));
  set('labels', objList<Label>(src['labels'], 'labels'));
  set('commonAnnotations', strMap(src['commonAnnotations'], 'commonAnnotations'));
  set('patchesStrategicMerge', strList(src['patchesStrategicMerge'], 'patchesStrategicMerge'));
  set('patchesJson6902', objList<PatchSpec>(src['patchesJson6902'], 'patchesJson6902'));
  set('patches', objList<PatchSpec>(src['patches'], 'patches'));
  const images = [
    ...(objList<Image>(src['images'], 'images') ?? []),
    ...(objList<Image>(src['imageTags'], 'imageTags') ?? []),
  ];
  if (images.length) k.images = images;
  set('replacements', objList<Record<string, unknown>>(src['replacements'], 'replacements'));
  set('replicas', objList<Replica>(src['replicas'], 'replicas'));
  set('vars', objList<Var>(src['vars'], 'vars'));
  set('sortOptions', src['sortOptions'] as SortOptions | undefined);
  set('components', strList(src['components'], 'components'));
  set('crds', strList(src['crds'], 'crds'));
  set(
    'configMapGenerator',
    fixEnv(objList<GeneratorArgs & { env?: string }>(src['configMapGenerator'], 'configMapGenerator')),
  );
  set(
    'secretGenerator',
    fixEnv(objList<GeneratorArgs & { env?: string }>(src['secretGenerator'], 'secretGenerator')),
  );
  set('helmGlobals', src['helmGlobals'] ?? undefined);
  set('helmCharts', objList<unknown>(src['helmCharts'], 'helmCharts'));
  set(
    'helmChartInflationGenerator',
    objList<unknown>(src['helmChartInflationGenerator'], 'helmChartInflationGenerator'),
  );
  set('generatorOptions', src['generatorOptions'] ?? undefined);
  set('configurations', strList(src['configurations'], 'configurations'));
  set('generators', strList(src['generators'], 'generators'));
  set('transformers', strList(src['transformers'], 'transformers'));
  set('validators', strList(src['validators'], 'validators'));
  set('buildMetadata', strList(src['buildMetadata'], 'buildMetadata'));
  checkNested(k);
  if (!k.kind) k.kind = 'Kustomization';
  if (!k.apiVersion) {
    k.apiVersion =
      k.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  }
  const rawKeys = Object.keys(src).filter((x) => x !== 'apiVersion' && x !== 'kind');
  if (rawKeys.length === 0) throw new KustomizeError('kustomization.yaml is empty');
  const errs: string[] = [];
  if (k.kind !== 'Kustomization' && k.kind !== 'Component')
    errs.push('kind should be Kustomization or Component');
  const required =
    k.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (k.apiVersion !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length)
    throw new KustomizeError(`Failed to read kustomization file under ${file}:\n${errs.join('\n')}`);
  return k;
}

function fixEnv(list: (GeneratorArgs & { env?: string })[] | undefined): GeneratorArgs[] | undefined {
  if (!list) return undefined;
  return list.map((g) => {
    if (!g || typeof g !== 'object') return g;
    const { env, ...rest } = g;
    return env ? { ...rest, envs: [...(rest.envs ?? []), env] } : rest;
  });
}
