/**
 * argoproj.io/Application: copies the child's `status.health`, as the snippet Argo CD documents for
 * app-of-apps (Argo has no built-in check since v1.8). Without it, sync waves cannot wait for
 * child applications.
 */
import type { KubeObject } from '../../../core/index.ts';
import { getPath, stringAt } from '../../object/path.ts';
import { health, isHealthStatusCode, type HealthStatus } from '../status.ts';

export function applicationHealth(obj: KubeObject): HealthStatus {
  const status = getPath(obj, ['status', 'health', 'status']);
  const message = stringAt(obj, ['status', 'health', 'message']);
  return health(isHealthStatusCode(status) ? status : 'Progressing', message);
}
