/**
 * An application's health from its resources' (Argo CD `controller/health.go`): the worst health of
 * its direct resources, never inherited from children. Hooks, resources annotated
 * `argocd.argoproj.io/ignore-healthcheck: "true"` and child Applications that are Missing or Unknown
 * do not count; a Missing resource does not degrade the app (OutOfSync already reports it), but an
 * app that expects resources and has none live is Missing.
 */
import { health, worst, type HealthStatus, type HealthStatusCode } from './status.ts';

export interface ResourceHealthInput {
  /** `group/Kind` of the resource (`Kind` for the core group). */
  groupKind: string;
  /** Undefined for resources with no health check. */
  health: HealthStatus | undefined;
  /** True when the resource exists in the cluster. */
  live: boolean;
  hook?: boolean;
  ignoreHealthCheck?: boolean;
}

export function aggregateHealth(resources: readonly ResourceHealthInput[]): HealthStatus {
  let status: HealthStatusCode = 'Healthy';
  let counted = 0;
  let live = 0;
  for (const r of resources) {
    if (r.hook || r.ignoreHealthCheck) continue;
    counted++;
    if (r.live) live++;
    const s = r.health?.status;
    if (s === undefined || s === 'Missing') continue;
    if (r.groupKind === 'argoproj.io/Application' && s === 'Unknown') continue;
    status = worst(status, s);
  }
  if (counted > 0 && live === 0) return health('Missing');
  return health(status);
}
