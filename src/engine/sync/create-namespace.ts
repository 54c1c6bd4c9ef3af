/**
 * `CreateNamespace=true`: the destination namespace is created in PreSync with
 * `managedNamespaceMetadata`, unless Git has a Namespace of that name (Git wins) or the live one
 * already carries the managed labels and annotations.
 */
import type { KubeObject } from '../../core/index.ts';
import { isObject } from '../object/path.ts';
import type { PlanOptions } from './plan.ts';
import { newTask, type SyncTask } from './task.ts';

export function namespaceTask(
  namespace: string,
  o: PlanOptions,
  targets: readonly (KubeObject | undefined)[],
): SyncTask | undefined {
  if (!o.syncOptions.createNamespace || !namespace) return undefined;
  if (targets.some((t) => t?.kind === 'Namespace' && t.apiVersion === 'v1' && t.metadata.name === namespace))
    return undefined;
  const meta = o.managedNamespaceMetadata;
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      ...(meta?.labels && { labels: meta.labels }),
      ...(meta?.annotations && { annotations: meta.annotations }),
    },
  };
  const live = o.liveNamespace;
  if (live) {
    // Only metadata we manage is compared: an existing namespace needs no task unless it differs.
    const same = (want: Record<string, string> | undefined, have: unknown) =>
      Object.entries(want ?? {}).every(([k, v]) => isObject(have) && have[k] === v);
    if (same(meta?.labels, live.metadata.labels) && same(meta?.annotations, live.metadata.annotations))
      return undefined;
  }
  return newTask('PreSync', ns, live, o.syncOptions, false);
}
