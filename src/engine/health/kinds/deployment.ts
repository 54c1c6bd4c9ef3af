// apps/Deployment, as gitops-engine health_deployment.go (messages are Argo's, word for word).
import type { KubeObject } from '../../../core/index.ts';
import { findCondition } from '../../object/conditions.ts';
import { getPath, intAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function deploymentHealth(obj: KubeObject): HealthStatus {
  if (getPath(obj, ['spec', 'paused']) === true) return health('Suspended', 'Deployment is paused');
  const generation = obj.metadata.generation ?? 0;
  if (generation > intAt(obj, ['status', 'observedGeneration'], 0)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    );
  }
  const replicas = getPath(obj, ['spec', 'replicas']);
  const updated = intAt(obj, ['status', 'updatedReplicas'], 0);
  const total = intAt(obj, ['status', 'replicas'], 0);
  const available = intAt(obj, ['status', 'availableReplicas'], 0);
  if (findCondition(obj, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return health(
      'Degraded',
      `Deployment ${JSON.stringify(obj.metadata.name ?? '')} exceeded its progress deadline`,
    );
  }
  if (typeof replicas === 'number' && updated < replicas) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
    );
  }
  if (total > updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${total - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  return health('Healthy');
}
