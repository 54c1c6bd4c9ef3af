/**
 * What a Kustomization reads besides its source: post-build variables from ConfigMaps and
 * Secrets, dependencies' readiness, and the recorded service account.
 */
import { CapstanError, type KubeObject } from '../../../core/index.ts';
import type { KubeClient } from '../../../kube/index.ts';
import { getCondition } from '../../index.ts';
import type { Kustomization } from '../api/kustomize/kustomization.ts';
import { variablesOf, type SubstituteOptions } from './substitute.ts';

export const kustomizationApiVersion = 'kustomize.toolkit.fluxcd.io/v1';

export class InputError extends CapstanError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message, { code: 'KUSTOMIZATION_INPUT' });
    this.reason = reason;
  }
}

/** substituteFrom in order (later wins), then inline `substitute`, which wins over all. */
export async function substitutionOf(
  client: KubeClient,
  ks: Kustomization,
  signal: AbortSignal,
): Promise<SubstituteOptions | undefined> {
  const post = ks.spec.postBuild;
  if (!post) return undefined;
  const ns = ks.metadata.namespace ?? 'default';
  const sources: Record<string, string>[] = [];
  for (const ref of post.substituteFrom ?? []) {
    const obj = await client.get(
      { apiVersion: 'v1', kind: ref.kind, namespace: ns, name: ref.name },
      { signal },
    );
    if (!obj) {
      if (ref.optional) continue;
      const plural = ref.kind === 'Secret' ? 'secrets' : 'configmaps';
      throw new InputError(
        'BuildFailed',
        `substitute from '${ref.kind}/${ns}/${ref.name}' failed: ${plural} "${ref.name}" not found`,
      );
    }
    const data = (obj['data'] ?? {}) as Record<string, string>;
    if (ref.kind === 'Secret') {
      sources.push(
        Object.fromEntries(
          Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
        ),
      );
    } else sources.push(data);
  }
  sources.push(post.substitute ?? {});
  try {
    return { vars: variablesOf(sources), strategy: post.substituteStrategy ?? 'WithVariables', strict: true };
  } catch (err) {
    throw new InputError('BuildFailed', (err as Error).message);
  }
}

/**
 * kustomize-controller's `checkDependencies`: each dependency exists, has observed its generation,
 * is Ready, and — when it builds from the same source — has applied the revision at hand.
 */
export async function checkDependencies(
  client: KubeClient,
  ks: Kustomization,
  revision: string,
  signal: AbortSignal,
): Promise<void> {
  const ns = ks.metadata.namespace ?? 'default';
  const source = sourceKeyOf(ks);
  for (const dep of ks.spec.dependsOn ?? []) {
    const depNs = dep.namespace ?? ns;
    const obj = await client.get(
      { apiVersion: kustomizationApiVersion, kind: 'Kustomization', namespace: depNs, name: dep.name },
      { signal },
    );
    const notReady = new InputError('DependencyNotReady', `dependency '${depNs}/${dep.name}' is not ready`);
    if (!obj)
      throw new InputError(
        'DependencyNotReady',
        `unable to get '${depNs}/${dep.name}' dependency: Kustomization.kustomize.toolkit.fluxcd.io "${dep.name}" not found`,
      );
    const status = (obj['status'] ?? {}) as { observedGeneration?: number; lastAppliedRevision?: string };
    if (obj.metadata.generation !== status.observedGeneration) throw notReady;
    if (getCondition(obj, 'Ready')?.status !== 'True') throw notReady;
    const depSpec = (obj['spec'] ?? {}) as Kustomization['spec'];
    const depSource = `${depSpec.sourceRef?.kind}/${depSpec.sourceRef?.namespace ?? depNs}/${depSpec.sourceRef?.name}`;
    if (depSource === source && status.lastAppliedRevision !== revision) throw notReady;
  }
}

export function sourceKeyOf(ks: Kustomization): string {
  const ref = ks.spec.sourceRef;
  return `${ref.kind}/${ref.namespace ?? ks.metadata.namespace ?? 'default'}/${ref.name}`;
}

/** Impersonation is not possible on the embedded cluster: the account must at least exist. */
export async function checkServiceAccount(
  client: KubeClient,
  ks: Kustomization,
  signal: AbortSignal,
): Promise<void> {
  const name = ks.spec.serviceAccountName;
  if (!name) return;
  const ns = ks.metadata.namespace ?? 'default';
  const sa: KubeObject | undefined = await client.get(
    { apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name },
    { signal },
  );
  if (!sa) {
    throw new InputError(
      'ReconciliationFailed',
      `failed to impersonate ServiceAccount '${ns}/${name}': serviceaccounts "${name}" not found`,
    );
  }
}
