/**
 * Creates the demo's objects when missing, so a restart keeps whatever the user changed. The
 * repository URL contains the API server's port, so when a restart listens elsewhere the
 * objects that still point at the old `/git/demo` URL are moved to the new one.
 */
import type { KubeObject } from '../../core/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import { AlreadyExistsError } from '../../kube/index.ts';
import { demoObjects } from '../demo/objects.ts';

function repoUrlPatch(existing: KubeObject, repoUrl: string): unknown {
  const spec = (existing['spec'] ?? {}) as { url?: string; source?: { repoURL?: string } };
  const stale = (u: string | undefined) => u !== undefined && u !== repoUrl && u.endsWith('/git/demo');
  if (existing.kind === 'Application' && stale(spec.source?.repoURL))
    return { spec: { source: { repoURL: repoUrl } } };
  if (existing.kind === 'GitRepository' && stale(spec.url)) return { spec: { url: repoUrl } };
  return undefined;
}

export async function applyDemo(input: {
  client: KubeClient;
  repoUrl: string;
  argoNamespace: string;
  fluxNamespace: string;
  signal: AbortSignal;
}): Promise<void> {
  const { client, signal } = input;
  for (const obj of demoObjects(input)) {
    try {
      await client.create(obj, { signal, fieldManager: 'capstan' });
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      const key = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name ?? '',
      };
      const existing = await client.get(key, { signal });
      const patch = existing && repoUrlPatch(existing, input.repoUrl);
      if (patch) await client.patch(key, { type: 'merge', body: patch }, { signal });
    }
  }
}
