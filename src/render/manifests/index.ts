// Plain manifests (Argo CD directory sources).
export {
  renderDirectory,
  defaultDirectoryOptions,
  ManifestError,
  type DirectoryOptions,
  type DirectoryResult,
  type ManifestObject,
} from './directory.ts';
export { globMatch } from './glob.ts';
