// managed-resources for an app, reloaded when the app's comparison changes (a new reconcile, a
// sync status flip), not on every status write.
import { getManagedResources, type Application, type ResourceDiff } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { useAsync, type AsyncState } from './useAsync.ts';

export function comparisonSignature(app: Application): string {
  const s = app.status;
  const outOfSync = (s?.resources ?? [])
    .filter((r) => r.status !== 'Synced')
    .map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`)
    .join(',');
  return [
    app.metadata.namespace,
    app.metadata.name,
    s?.reconciledAt,
    s?.sync?.status,
    s?.sync?.revision,
    outOfSync,
  ].join('|');
}

export function useManagedResources(app: Application, enabled = true): AsyncState<ResourceDiff[]> {
  return useAsync(enabled ? comparisonSignature(app) : undefined, (signal) =>
    getManagedResources(appKeyOf(app), signal),
  );
}
