/**
 * kstatus, the health vocabulary of Flux (`fluxcd/cli-utils pkg/kstatus/status`): Current when the
 * object reached its desired state, InProgress while it gets there, Failed when it cannot,
 * Terminating while deleted, NotFound when absent. `reason` is the reason of the Reconciling or
 * Stalled condition kstatus would add (`LessReplicas`, `ContainerCrashLooping`, …).
 */
export type KStatus = 'InProgress' | 'Failed' | 'Current' | 'Terminating' | 'NotFound' | 'Unknown';

export interface KStatusResult {
  status: KStatus;
  message: string;
  reason?: string;
}

export function inProgress(reason: string, message: string): KStatusResult {
  return { status: 'InProgress', message, reason };
}

export function failed(reason: string, message: string): KStatusResult {
  return { status: 'Failed', message, reason };
}

export function current(message: string): KStatusResult {
  return { status: 'Current', message };
}
