// apps/ReplicaSet, as gitops-engine health_replicaset.go.
import type { KubeObject } from '../../../core/index.ts';
import { findCondition } from '../../object/conditions.ts';
import { getPath, intAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function replicaSetHealth(obj: KubeObject): HealthStatus {
  if ((obj.metadata.generation ?? 0) > intAt(obj, ['status', 'observedGeneration'], 0)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed replica set generation less than desired generation',
    );
  }
  const failure = findCondition(obj, 'ReplicaFailure');
  if (failure?.status === 'True') return health('Degraded', failure.message);
  const replicas = getPath(obj, ['spec', 'replicas']);
  const available = intAt(obj, ['status', 'availableReplicas'], 0);
  if (typeof replicas === 'number' && available < replicas) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`,
    );
  }
  return health('Healthy');
}
