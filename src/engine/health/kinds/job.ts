// batch/Job from its conditions (gitops-engine health_job.go, including its quirk that the
// Suspended message is the (empty) failure message).
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { health, type HealthStatus } from '../status.ts';

export function jobHealth(obj: KubeObject): HealthStatus {
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMsg = '';
  let message = '';
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Failed') {
      failed = true;
      complete = true;
      failMsg = c.message ?? '';
    } else if (c.type === 'Complete') {
      complete = true;
      message = c.message ?? '';
    } else if (c.type === 'Suspended') {
      complete = true;
      message = c.message ?? '';
      if (c.status === 'True') suspended = true;
    }
  }
  if (!complete) return health('Progressing', message);
  if (failed) return health('Degraded', failMsg);
  if (suspended) return health('Suspended', failMsg);
  return health('Healthy', message);
}
