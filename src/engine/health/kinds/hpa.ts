/**
 * autoscaling/HorizontalPodAutoscaler (gitops-engine health_hpa.go). v2 reads status.conditions;
 * v1 has no conditions field and carries them JSON-encoded in an annotation.
 */
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf, type Condition } from '../../object/conditions.ts';
import { isObject } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

const V1_CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const progressing = health('Progressing', 'Waiting to Autoscale');

const degraded: readonly [string, string][] = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'InvalidSelector'],
];

function check(conditions: Condition[]): HealthStatus {
  for (const c of conditions) {
    if (degraded.some(([t, r]) => c.type === t && c.reason === r)) return health('Degraded', c.message);
    if ((c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True') {
      return health('Healthy', c.message);
    }
  }
  return progressing;
}

export function hpaHealth(obj: KubeObject): HealthStatus {
  if (obj.apiVersion !== 'autoscaling/v1') return check(conditionsOf(obj));
  const raw = obj.metadata.annotations?.[V1_CONDITIONS];
  if (raw === undefined) return progressing;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`failed to convert conditions annotation to typed: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const list = Array.isArray(parsed) ? parsed.filter((c): c is Condition => isObject(c)) : [];
  return list.length === 0 ? progressing : check(list);
}
