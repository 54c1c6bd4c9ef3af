/** The Flux kinds served under `/api/v1/flux/{resource}` and their RBAC resource names. */
import { ApiError } from '../errors.ts';

export interface FluxKind {
  resource: string;
  group: string;
  kind: string;
  apiVersion: string;
}

export const FLUX_KINDS: readonly FluxKind[] = [
  {
    resource: 'kustomizations',
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  },
  {
    resource: 'gitrepositories',
    group: 'source.toolkit.fluxcd.io',
    kind: 'GitRepository',
    apiVersion: 'source.toolkit.fluxcd.io/v1',
  },
];

export const groupKindOfFlux = (k: FluxKind) => `${k.group}/${k.kind}`;

export function fluxKind(resource: string): FluxKind {
  const k = FLUX_KINDS.find((f) => f.resource === resource);
  if (!k)
    throw new ApiError(
      'NotFound',
      `unknown Flux resource "${resource}": one of ${FLUX_KINDS.map((f) => f.resource).join(', ')}`,
    );
  return k;
}
