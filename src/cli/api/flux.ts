/** Flux objects as the CLI prints them (`flux get` columns) and the paths of their API. */
import { CapstanError } from '../../core/index.ts';

export interface FluxObject {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec?: { suspend?: boolean };
  status?: {
    conditions?: { type: string; status: string; message?: string }[];
    lastAppliedRevision?: string;
    artifact?: { revision?: string };
    lastHandledReconcileAt?: string;
  };
}

export const FLUX_DEFAULT_NAMESPACE = 'flux-system';

/** `kustomization`/`ks` → kustomizations; `source git`/`git` → gitrepositories. */
export function fluxResource(kind: string): string {
  switch (kind) {
    case 'kustomization':
    case 'kustomizations':
    case 'ks':
      return 'kustomizations';
    case 'git':
    case 'gitrepository':
    case 'gitrepositories':
      return 'gitrepositories';
    default:
      throw new CapstanError(`unknown Flux kind "${kind}": kustomization or source git`, {
        code: 'InvalidArgument',
      });
  }
}

const ready = (o: FluxObject) => o.status?.conditions?.find((c) => c.type === 'Ready');

export const fluxColumns = {
  headers: ['NAMESPACE', 'NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'],
  row: (o: FluxObject) => [
    o.metadata.namespace,
    o.metadata.name,
    o.status?.lastAppliedRevision ?? o.status?.artifact?.revision ?? '',
    o.spec?.suspend ? 'True' : 'False',
    ready(o)?.status ?? 'Unknown',
    ready(o)?.message ?? '',
  ],
};

export const fluxPath = (resource: string, namespace: string, name: string) =>
  `/api/v1/flux/${resource}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
