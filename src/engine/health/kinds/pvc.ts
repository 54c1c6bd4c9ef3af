// core/PersistentVolumeClaim by phase (gitops-engine health_pvc.go).
import type { KubeObject } from '../../../core/index.ts';
import { stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function pvcHealth(obj: KubeObject): HealthStatus {
  switch (stringAt(obj, ['status', 'phase'])) {
    case 'Bound':
      return health('Healthy');
    case 'Pending':
      return health('Progressing');
    case 'Lost':
      return health('Degraded');
    default:
      return health('Unknown');
  }
}
