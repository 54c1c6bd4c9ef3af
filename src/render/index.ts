// Public face of the `render` module; see README.md.
export {
  kustomizeBuild,
  defaultKustomizeOptions,
  KUSTOMIZE_VERSION,
  KustomizeError,
  parseRemoteRef,
  noSchema,
  chainSchemas,
  builtinMergeSchema,
  type CachedSchema,
  type KustomizeOptions,
  type KustomizeResult,
  type RenderedResource,
  type LoadRestrictor,
  type RemoteFetcher,
  type RemoteRef,
  type MergeSchema,
  type SchemaNode,
} from './kustomize/index.ts';
export {
  parseYaml,
  parseYamlDocuments,
  marshalYaml,
  marshalYamlStream,
  YamlSyntaxError,
  Timestamp,
  type ParseOptions,
} from './yaml/index.ts';
export {
  renderDirectory,
  defaultDirectoryOptions,
  ManifestError,
  globMatch,
  type DirectoryOptions,
  type DirectoryResult,
  type ManifestObject,
} from './manifests/index.ts';
