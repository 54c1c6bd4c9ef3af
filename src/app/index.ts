// Public face of the `app` module; see README.md.
export {
  kustomizeBuildYaml,
  defaultKustomizeBuildCommandOptions,
  type KustomizeBuildCommandOptions,
} from './kustomize.ts';
