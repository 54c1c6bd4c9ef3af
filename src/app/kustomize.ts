/**
 * `capstan kustomize build`: renders a kustomization with Capstan's native kustomize, wired to
 * the modules it needs. Render is imported on first use so that other commands do not pay for it.
 */
export interface KustomizeBuildCommandOptions {
  loadRestrictor: 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';
  enableAlphaPlugins: boolean;
  signal: AbortSignal | undefined;
}

export const defaultKustomizeBuildCommandOptions: KustomizeBuildCommandOptions = {
  loadRestrictor: 'LoadRestrictionsRootOnly',
  enableAlphaPlugins: false,
  signal: undefined,
};

/** The YAML stream `kubectl kustomize DIR` prints for `dir`, and the warnings it prints on stderr. */
export async function kustomizeBuildYaml(
  dir: string,
  options: Partial<KustomizeBuildCommandOptions> = {},
): Promise<{ yaml: string; warnings: string[] }> {
  const o = { ...defaultKustomizeBuildCommandOptions, ...options };
  const { kustomizeBuild } = await import('../render/index.ts');
  const result = await kustomizeBuild(dir, {
    loadRestrictor: o.loadRestrictor,
    enableAlphaPlugins: o.enableAlphaPlugins,
    signal: o.signal,
  });
  return { yaml: result.yaml, warnings: result.warnings };
}
