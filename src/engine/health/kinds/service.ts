// core/Service: a LoadBalancer is Progressing until it has an ingress address (gitops-engine health_service.go).
import type { KubeObject } from '../../../core/index.ts';
import { getPath, stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function serviceHealth(obj: KubeObject): HealthStatus {
  if (stringAt(obj, ['spec', 'type']) !== 'LoadBalancer') return health('Healthy');
  const ingress = getPath(obj, ['status', 'loadBalancer', 'ingress']);
  return health(Array.isArray(ingress) && ingress.length > 0 ? 'Healthy' : 'Progressing');
}
