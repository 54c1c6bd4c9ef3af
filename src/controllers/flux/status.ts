import type { KubeObject } from '../../core/index.ts';
import type { KubeClient } from '../../kube/index.ts';

/**
 * Writes `obj.status` through the status subresource as a merge patch: the whole status each time
 * (conditions are a list and replace as one), so a concurrent spec edit is never overwritten.
 */
export async function patchStatus(client: KubeClient, obj: KubeObject, signal: AbortSignal): Promise<void> {
  await client.patch(
    {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name ?? '',
    },
    { type: 'merge', body: { status: obj['status'] ?? {} } },
    { signal, subresource: 'status' },
  );
}
