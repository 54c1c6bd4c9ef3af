/** The Kubernetes version the server reports; kubectl's dispatcher then runs kubectl 1.31. */
export const KUBERNETES_VERSION = { major: '1', minor: '31', patch: '0' } as const;

/** The `/version` document. */
export function versionInfo(): Record<string, string> {
  const { major, minor, patch } = KUBERNETES_VERSION;
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.${patch}+capstan`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T00:00:00Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
