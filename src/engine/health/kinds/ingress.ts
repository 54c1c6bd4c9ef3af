// networking.k8s.io|extensions/Ingress: Healthy once it has a load-balancer address (gitops-engine health_ingress.go).
import type { KubeObject } from '../../../core/index.ts';
import { getPath } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function ingressHealth(obj: KubeObject): HealthStatus {
  const ingress = getPath(obj, ['status', 'loadBalancer', 'ingress']);
  return health(Array.isArray(ingress) && ingress.length > 0 ? 'Healthy' : 'Progressing');
}
