/**
 * Where an Application's manifests come from (`ApplicationSource` in Argo CD's
 * `pkg/apis/application/v1alpha1/types.go`): a repository, a path or chart, a revision, and at
 * most one of the four tool configurations. The same shape appears in `spec.source`,
 * `spec.sources[]`, the operation, and the status (comparedTo, history, syncResult).
 */

export interface ApplicationSource {
  /** Git or Helm repository URL (or an OCI registry). */
  repoURL: string;
  /** Directory in a Git repository. */
  path?: string;
  /** Commit, tag or branch (Git), or a chart version or range (Helm); HEAD when empty. */
  targetRevision?: string;
  /** Chart name, for a Helm repository source. */
  chart?: string;
  /** Names this source so that other sources can read its files as `$<ref>/path` (multi-source). */
  ref?: string;
  /** Names the source for `--source-names` in the CLI. */
  name?: string;
  /** Only tags with this prefix are considered for a semver `targetRevision`. */
  tagPrefix?: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}

export interface ApplicationSourceHelm {
  valueFiles?: string[];
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  releaseName?: string;
  /** Values as one YAML string. */
  values?: string;
  /** Values as a YAML object; wins over `values` when both are set. */
  valuesObject?: Record<string, unknown>;
  /** Helm binary version (`v3`). */
  version?: string;
  passCredentials?: boolean;
  ignoreMissingValueFiles?: boolean;
  skipCrds?: boolean;
  skipSchemaValidation?: boolean;
  skipTests?: boolean;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

export interface HelmParameter {
  name?: string;
  value?: string;
  forceString?: boolean;
}

export interface HelmFileParameter {
  name?: string;
  path?: string;
}

export interface ApplicationSourceKustomize {
  namePrefix?: string;
  nameSuffix?: string;
  /** `name=newName:tag` or `name:tag` overrides, as `kustomize edit set image`. */
  images?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  commonAnnotationsEnvsubst?: boolean;
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  namespace?: string;
  replicas?: KustomizeReplica[];
  patches?: KustomizePatch[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  version?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

export interface KustomizeReplica {
  name: string;
  /** A number, or a string holding one. */
  count: number | string;
}

export interface KustomizePatch {
  path?: string;
  patch?: string;
  target?: KustomizeSelector;
  options?: Record<string, boolean>;
}

export interface KustomizeSelector {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface ApplicationSourceDirectory {
  recurse?: boolean;
  jsonnet?: ApplicationSourceJsonnet;
  /** Glob of files to leave out, or `{a,b}` of several. */
  exclude?: string;
  include?: string;
  disableExtensionFilter?: boolean;
}

export interface ApplicationSourceJsonnet {
  extVars?: JsonnetVar[];
  tlas?: JsonnetVar[];
  libs?: string[];
}

export interface JsonnetVar {
  name: string;
  value: string;
  code?: boolean;
}

export interface ApplicationSourcePlugin {
  name?: string;
  env?: EnvEntry[];
  parameters?: PluginParameter[];
}

export interface EnvEntry {
  name: string;
  value: string;
}

/** Exactly one of `string`, `array`, `map` carries the value. */
export interface PluginParameter {
  name?: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

/** `spec.sourceHydrator`: render from a dry source, commit the result, sync from the commit. */
export interface SourceHydrator {
  drySource: DrySource;
  syncSource: SyncSource;
  hydrateTo?: { targetBranch: string };
}

export interface DrySource {
  repoURL: string;
  targetRevision: string;
  path: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}

export interface SyncSource {
  targetBranch: string;
  path: string;
  repoURL?: string;
}
