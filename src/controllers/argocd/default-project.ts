/** The `default` AppProject, created when missing as Argo CD does at start-up. */
import type { KubeClient } from '../../kube/index.ts';
import type { AppProject } from './api/appproject.ts';
import { DEFAULT_PROJECT } from './api/application-defaults.ts';
import { defaultProject } from './project.ts';

export async function ensureDefaultProject(
  client: Pick<KubeClient, 'create' | 'get'>,
  namespace: string,
  signal: AbortSignal,
): Promise<AppProject | undefined> {
  try {
    return (await client.create(defaultProject(namespace), {
      signal,
      fieldManager: 'argocd-controller',
    })) as AppProject;
  } catch (err) {
    if ((err as { code?: string }).code !== 'AlreadyExists') throw err;
    return (await client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace, name: DEFAULT_PROJECT },
      { signal },
    )) as AppProject | undefined;
  }
}
