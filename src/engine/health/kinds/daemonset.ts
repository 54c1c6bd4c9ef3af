// apps/DaemonSet, as gitops-engine health_daemonset.go.
import type { KubeObject } from '../../../core/index.ts';
import { intAt, stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function daemonSetHealth(obj: KubeObject): HealthStatus {
  if ((obj.metadata.generation ?? 0) > intAt(obj, ['status', 'observedGeneration'], 0)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    );
  }
  const desired = intAt(obj, ['status', 'desiredNumberScheduled'], 0);
  const updated = intAt(obj, ['status', 'updatedNumberScheduled'], 0);
  const available = intAt(obj, ['status', 'numberAvailable'], 0);
  if (stringAt(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  const name = JSON.stringify(obj.metadata.name ?? '');
  if (updated < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  if (available < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return health('Healthy');
}
