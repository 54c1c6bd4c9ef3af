import type { KubeObject } from '../../../core/index.ts';

/** What the simulated kubelet remembers about a pod between reconciles (lost on restart: the pod status is the truth). */
export interface Runtime {
  /** Per container: when its next transition is due (clock ms). */
  due: Map<string, number>;
  pullFailures: Map<string, number>;
  crashes: Map<string, number>;
  killAt?: number;
}

/** An event about a pod, from its node's kubelet. */
export type PodEvent = (pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) => void;
