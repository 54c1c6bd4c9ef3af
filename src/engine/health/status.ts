/**
 * Argo CD's health vocabulary. The order is explicit, best to worst, so that the health of an
 * application is a fold: `statuses.reduce(worst)` (gitops-engine `healthOrder`, `IsWorse`).
 */
export type HealthStatusCode = 'Healthy' | 'Suspended' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown';

export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/** Best first. */
export const healthOrder: readonly HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

const rank = new Map(healthOrder.map((s, i) => [s, i]));

/** True when `next` is worse than `current`. */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return (rank.get(next) ?? 0) > (rank.get(current) ?? 0);
}

/** The worse of two statuses; `worst` of an empty list is Healthy. */
export function worst(a: HealthStatusCode, b: HealthStatusCode): HealthStatusCode {
  return isWorse(a, b) ? b : a;
}

export function isHealthStatusCode(v: unknown): v is HealthStatusCode {
  return typeof v === 'string' && rank.has(v as HealthStatusCode);
}

export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
