import { CapstanError, sleep, throwIfAborted, type KubeObject } from '../core/index.ts';
import type { KubeClient } from '../kube/index.ts';
import { crdErrors } from './crd-check.ts';
import type { CustomResourceDefinition } from './crd.ts';

export interface InstallCustomResourceDefinitionsOptions {
  signal: AbortSignal;
  /** The `managedFields` owner of the CRDs. */
  fieldManager: string;
  /**
   * Take over fields another manager set (`kubectl apply --server-side --force-conflicts`): Capstan
   * serves these APIs, so its definitions win over the ones an earlier Argo CD or Flux install left.
   */
  force: boolean;
  /** How long to wait for every CRD to be `Established` before failing. */
  timeoutMs: number;
  pollIntervalMs: number;
}

export const defaultInstallCustomResourceDefinitionsOptions: Omit<
  InstallCustomResourceDefinitionsOptions,
  'signal'
> = {
  fieldManager: 'capstan',
  force: true,
  timeoutMs: 60_000,
  pollIntervalMs: 200,
};

/** What installing did to one CRD. */
export interface CrdInstallResult {
  name: string;
  action: 'created' | 'configured' | 'unchanged';
}

/** A CRD that is invalid, could not be applied or did not become Established in time. */
export class CrdInstallError extends CapstanError {
  constructor(message: string, options: { code: 'CRD_INVALID' | 'CRD_NOT_ESTABLISHED'; cause?: unknown }) {
    super(message, options);
  }
}

type Client = Pick<KubeClient, 'get' | 'apply' | 'invalidate'>;

const key = (name: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  name,
});

/**
 * Server-side applies CRDs and waits until each is `Established`, so that objects of their kinds
 * can be written as soon as this resolves. Idempotent: applying the same definitions again leaves
 * them `unchanged`. Invalid definitions are refused before anything is written (`CRD_INVALID`);
 * apply failures reject with the client's error; a CRD still not established after `timeoutMs`
 * rejects with `CRD_NOT_ESTABLISHED` and the conditions the server reported.
 */
export async function installCustomResourceDefinitions(
  client: Client,
  crds: readonly CustomResourceDefinition[],
  options: Partial<InstallCustomResourceDefinitionsOptions> & { signal: AbortSignal },
): Promise<CrdInstallResult[]> {
  const o = { ...defaultInstallCustomResourceDefinitionsOptions, ...options };
  for (const crd of crds) {
    const errors = crdErrors(crd);
    if (errors.length > 0)
      throw new CrdInstallError(
        `CustomResourceDefinition/${crd.metadata.name}: invalid: ${errors.join('; ')}`,
        {
          code: 'CRD_INVALID',
        },
      );
  }
  const results: CrdInstallResult[] = [];
  for (const crd of crds) {
    const { signal } = o;
    const before = await client.get(key(crd.metadata.name), { signal });
    const after = await client.apply(crd, { signal, fieldManager: o.fieldManager, force: o.force });
    const action = !before
      ? 'created'
      : before.metadata.resourceVersion === after.metadata.resourceVersion
        ? 'unchanged'
        : 'configured';
    results.push({ name: crd.metadata.name, action });
  }
  await waitEstablished(client, crds, o);
  client.invalidate();
  return results;
}

async function waitEstablished(
  client: Client,
  crds: readonly CustomResourceDefinition[],
  o: InstallCustomResourceDefinitionsOptions,
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  const pending = new Set(crds.map((c) => c.metadata.name));
  const last = new Map<string, KubeObject | undefined>();
  for (;;) {
    throwIfAborted(o.signal);
    for (const name of [...pending]) {
      const current = await client.get(key(name), { signal: o.signal });
      last.set(name, current);
      if (conditionStatus(current, 'Established') === 'True') pending.delete(name);
    }
    if (pending.size === 0) return;
    if (Date.now() >= deadline) {
      const [name] = pending;
      throw new CrdInstallError(
        `CustomResourceDefinition/${name}: not established after ${o.timeoutMs / 1000}s: ${describeConditions(last.get(name!))}`,
        { code: 'CRD_NOT_ESTABLISHED' },
      );
    }
    await sleep(o.pollIntervalMs, o.signal);
  }
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function conditionsOf(obj: KubeObject | undefined): Condition[] {
  const status = obj?.['status'] as { conditions?: Condition[] } | undefined;
  return Array.isArray(status?.conditions) ? status.conditions : [];
}

function conditionStatus(obj: KubeObject | undefined, type: string): string | undefined {
  return conditionsOf(obj).find((c) => c.type === type)?.status;
}

function describeConditions(obj: KubeObject | undefined): string {
  if (!obj) return 'it does not exist';
  const list = conditionsOf(obj);
  if (list.length === 0) return 'the server reported no conditions';
  return list.map((c) => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join(', ');
}
