// apiregistration.k8s.io/APIService by its Available condition (gitops-engine health_apiservice.go).
import type { KubeObject } from '../../../core/index.ts';
import { findCondition } from '../../object/conditions.ts';
import { health, type HealthStatus } from '../status.ts';

export function apiServiceHealth(obj: KubeObject): HealthStatus {
  const c = findCondition(obj, 'Available');
  if (!c) return health('Progressing', 'Waiting to be processed');
  return health(c.status === 'True' ? 'Healthy' : 'Progressing', `${c.reason ?? ''}: ${c.message ?? ''}`);
}
