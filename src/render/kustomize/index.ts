// Native kustomize: the public face inside render (re-exported by src/render/index.ts).
export {
  kustomizeBuild,
  defaultKustomizeOptions,
  KUSTOMIZE_VERSION,
  type KustomizeOptions,
  type KustomizeResult,
  type RenderedResource,
} from './build.ts';
export { KustomizeError } from './errors.ts';
export type { LoadRestrictor } from './loader.ts';
export { parseRemoteRef, type RemoteFetcher, type RemoteRef } from './remote.ts';
export { noSchema, chainSchemas, type MergeSchema, type SchemaNode } from './smp/schema.ts';
export { builtinMergeSchema } from './smp/kube-schema.ts';
export type { CachedSchema } from './smp/cached-schema.ts';
