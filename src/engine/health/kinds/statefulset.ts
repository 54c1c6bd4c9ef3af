// apps/StatefulSet, as gitops-engine health_statefulset.go.
import type { KubeObject } from '../../../core/index.ts';
import { getPath, intAt, stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function statefulSetHealth(obj: KubeObject): HealthStatus {
  const observed = intAt(obj, ['status', 'observedGeneration'], 0);
  if (observed === 0 || (obj.metadata.generation ?? 0) > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const replicas = getPath(obj, ['spec', 'replicas']);
  const ready = intAt(obj, ['status', 'readyReplicas'], 0);
  const updated = intAt(obj, ['status', 'updatedReplicas'], 0);
  if (typeof replicas === 'number' && ready < replicas) {
    return health('Progressing', `Waiting for ${replicas - ready} pods to be ready...`);
  }
  const strategy = stringAt(obj, ['spec', 'updateStrategy', 'type']);
  const rolling = getPath(obj, ['spec', 'updateStrategy', 'rollingUpdate']);
  if (strategy === 'RollingUpdate' && rolling !== undefined && rolling !== null) {
    const partition = getPath(rolling, ['partition']);
    if (typeof replicas === 'number' && typeof partition === 'number' && updated < replicas - partition) {
      return health(
        'Progressing',
        `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
      );
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`);
  const updateRevision = stringAt(obj, ['status', 'updateRevision']);
  const currentRevision = stringAt(obj, ['status', 'currentRevision']);
  if (updateRevision !== currentRevision) {
    return health(
      'Progressing',
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    );
  }
  const current = intAt(obj, ['status', 'currentReplicas'], 0);
  return health(
    'Healthy',
    `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`,
  );
}
