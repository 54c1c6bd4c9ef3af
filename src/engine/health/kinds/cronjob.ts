// batch/CronJob, as the health.lua Argo CD ships for it (resource_customizations/batch/CronJob).
import type { KubeObject } from '../../../core/index.ts';
import { getPath } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function cronJobHealth(obj: KubeObject): HealthStatus {
  if (getPath(obj, ['spec', 'suspend']) === true) return health('Suspended', 'CronJob is Suspended');
  const status = getPath(obj, ['status']);
  if (status === undefined || status === null) return health('Progressing', 'Waiting for CronJob');
  const lastSchedule = getPath(status, ['lastScheduleTime']);
  if (typeof lastSchedule !== 'string') return health('Healthy', 'CronJob has not been scheduled yet');
  const lastSuccess = getPath(status, ['lastSuccessfulTime']);
  if (typeof lastSuccess !== 'string') {
    return health('Healthy', 'The Cronjob never completed succesfully. It may not be healthy');
  }
  const active = getPath(status, ['active']);
  if (Array.isArray(active) && active.length > 0) {
    return health('Healthy', 'The job is running. Its last execution may not have been successful');
  }
  // RFC 3339 timestamps in UTC compare correctly as strings, as the Lua script relies on.
  if (lastSuccess < lastSchedule) {
    return health('Degraded', 'CronJob has not completed its last execution successfully');
  }
  return health('Healthy', 'CronJob has completed its last execution successfully');
}
