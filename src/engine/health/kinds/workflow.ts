// argoproj.io/Workflow by phase (gitops-engine health_argo.go).
import type { KubeObject } from '../../../core/index.ts';
import { stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function workflowHealth(obj: KubeObject): HealthStatus {
  const message = stringAt(obj, ['status', 'message']);
  switch (stringAt(obj, ['status', 'phase'])) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
    case 'Error':
      return health('Degraded', message);
    default:
      return health('Unknown', message);
  }
}
