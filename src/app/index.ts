// Public face of the `app` module; see README.md.
export { serveCluster, defaultServeClusterOptions, type ServeClusterOptions } from './serve-cluster.ts';
export {
  kustomizeBuildYaml,
  defaultKustomizeBuildCommandOptions,
  type KustomizeBuildCommandOptions,
} from './kustomize.ts';
export {
  gitRemoteFetcher,
  defaultGitRemoteFetcherOptions,
  type GitRemoteFetcherOptions,
} from './kustomize-remote.ts';
export {
  installManifests,
  installManifestsText,
  defaultInstallManifestsOptions,
  type InstallManifestsOptions,
} from './install-manifests.ts';
export { startCapstan, type RunningCapstan } from './up/start.ts';
export { defaultCapstanOptions, type CapstanOptions } from './up/options.ts';
export {
  cliConfigPath,
  readCliConfig,
  writeCliConfig,
  saveCliContext,
  type CliConfig,
  type CliContext,
} from './cli-config.ts';
export {
  startCoreApi,
  defaultCoreApiOptions,
  defaultKubeconfig,
  type CoreApi,
  type CoreApiOptions,
} from './core/start-core-api.ts';
