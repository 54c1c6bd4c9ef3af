import type { KubeObject } from '../core/index.ts';

/** Who holds a lock and until when, as client-go's `LeaderElectionRecord`. */
export interface LeaderElectionRecord {
  /** `''` when nobody holds it (released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** `metav1.MicroTime`: RFC 3339 with microseconds. */
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

export const leaseApiVersion = 'coordination.k8s.io/v1';

/** `metav1.MicroTime`: `2025-01-01T00:00:00.123000Z`. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The record a Lease's spec holds; missing fields read as empty, as client-go reads them. */
export function recordOfLease(lease: KubeObject): LeaderElectionRecord {
  const spec = (lease['spec'] ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return {
    holderIdentity: str(spec['holderIdentity']),
    leaseDurationSeconds: num(spec['leaseDurationSeconds']),
    acquireTime: str(spec['acquireTime']),
    renewTime: str(spec['renewTime']),
    leaseTransitions: num(spec['leaseTransitions']),
  };
}

/** A Lease holding `record`; with `base` (the Lease last read) it keeps its metadata for a compare-and-swap update. */
export function leaseWith(
  ref: { namespace: string; name: string },
  record: LeaderElectionRecord,
  base?: KubeObject,
): KubeObject {
  return {
    ...(base ?? {}),
    apiVersion: leaseApiVersion,
    kind: 'Lease',
    metadata: base ? { ...base.metadata } : { namespace: ref.namespace, name: ref.name },
    spec: {
      ...(base?.['spec'] ?? {}),
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      acquireTime: record.acquireTime,
      renewTime: record.renewTime,
      leaseTransitions: record.leaseTransitions,
    },
  };
}

/** Two records say the same thing (client-go compares the raw bytes it read). */
export function sameRecord(a: LeaderElectionRecord | undefined, b: LeaderElectionRecord): boolean {
  return (
    a !== undefined &&
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime === b.acquireTime &&
    a.renewTime === b.renewTime &&
    a.leaseTransitions === b.leaseTransitions
  );
}
