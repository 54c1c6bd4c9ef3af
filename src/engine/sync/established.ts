/**
 * After a CRD is applied the engine waits for its `Established` condition before going on, so the
 * custom resources after it find their kind served (gitops-engine: 100 ms polls, 3 s at most).
 */
import { CapstanError, formatRef, sleep, type KubeObject } from '../../core/index.ts';
import type { KubeReader } from '../../kube/index.ts';
import { findCondition } from '../object/conditions.ts';
import { keyOfObject } from './delete.ts';

export interface EstablishedOptions {
  signal: AbortSignal;
  client: KubeReader;
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitForEstablished(crd: KubeObject, options: EstablishedOptions): Promise<void> {
  const end = Date.now() + (options.timeoutMs ?? 3000);
  for (;;) {
    const live = await options.client.get(keyOfObject(crd), { signal: options.signal });
    if (findCondition(live, 'Established')?.status === 'True') return;
    if (Date.now() >= end) {
      throw new CapstanError(`${formatRef(crd)}: not established within ${options.timeoutMs ?? 3000} ms`, {
        code: 'CRD_NOT_ESTABLISHED',
      });
    }
    await sleep(options.intervalMs ?? 100, options.signal);
  }
}
