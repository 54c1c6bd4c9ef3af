import {
  defaultInstallCustomResourceDefinitionsOptions,
  installCustomResourceDefinitions,
  type CrdInstallResult,
  type InstallCustomResourceDefinitionsOptions,
} from '../index.ts';
import type { KubeClient } from '../../kube/index.ts';
import { fluxCrds } from './api/crds.ts';

export type InstallCrdsOptions = InstallCustomResourceDefinitionsOptions;
export const defaultInstallCrdsOptions = defaultInstallCustomResourceDefinitionsOptions;

/**
 * Installs the CRDs of every Flux kind Capstan serves with server-side apply (field manager
 * `capstan`) and waits until they are Established. Idempotent.
 */
export function installCrds(
  client: Pick<KubeClient, 'get' | 'apply' | 'invalidate'>,
  options: Partial<InstallCrdsOptions> & { signal: AbortSignal },
): Promise<CrdInstallResult[]> {
  return installCustomResourceDefinitions(client, fluxCrds(), options);
}
