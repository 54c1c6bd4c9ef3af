/** The parts of an Application the CLI prints (docs/api.md §11). */
export interface AppSource {
  repoURL?: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
}

export interface App {
  metadata: { name: string; namespace: string; creationTimestamp?: string };
  spec: {
    project?: string;
    source?: AppSource;
    sources?: AppSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: { automated?: { enabled?: boolean; prune?: boolean; selfHeal?: boolean } };
  };
  operation?: unknown;
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    resources?: {
      group?: string;
      kind: string;
      namespace?: string;
      name: string;
      status?: string;
      health?: { status?: string; message?: string };
    }[];
    history?: { id: number; revision?: string; deployedAt?: string; source?: AppSource }[];
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      syncResult?: {
        revision?: string;
        resources?: { kind: string; name: string; namespace?: string; status?: string; message?: string }[];
      };
    };
    conditions?: { type: string; message: string }[];
  };
}

export const syncOf = (a: App) => a.status?.sync?.status ?? 'Unknown';
export const healthOf = (a: App) => a.status?.health?.status ?? 'Unknown';
export const sourceOf = (a: App): AppSource => a.spec.source ?? a.spec.sources?.[0] ?? {};
export const isAutomated = (a: App) => {
  const auto = a.spec.syncPolicy?.automated;
  return auto !== undefined && auto.enabled !== false;
};
