/** Reading and writing an Application object as Argo CD's controller does (no status subresource). */
import type { KubeClient, ObjectKey } from '../../kube/index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationStatus } from './api/application-status.ts';

export const now = (): Date => new Date();

/** Argo CD's `metav1.Time`: RFC 3339 in whole seconds. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function appObjectKey(namespace: string, name: string): ObjectKey {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name };
}

export const keyOfApp = (app: Application): ObjectKey =>
  appObjectKey(app.metadata.namespace ?? '', app.metadata.name);

/** A JSON pointer segment. */
export const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Replaces `status` whole (a JSON patch, so keys the new status lacks go) after `extraOps`
 * (removing `operation` or the refresh annotation in the same write).
 */
export async function writeStatus(
  client: Pick<KubeClient, 'patch'>,
  app: Application,
  status: ApplicationStatus,
  signal: AbortSignal,
  extraOps: readonly unknown[] = [],
): Promise<Application> {
  const body = [...extraOps, { op: 'add', path: '/status', value: structuredClone(status) }];
  return (await client.patch(
    keyOfApp(app),
    { type: 'json', body },
    {
      signal,
      fieldManager: 'argocd-controller',
    },
  )) as Application;
}
