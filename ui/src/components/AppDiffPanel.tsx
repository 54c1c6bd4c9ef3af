// Every OutOfSync resource's diff on one page (Argo's "App diff"), Secrets masked by the server.
import type { Application } from '../api/index.ts';
import { useManagedResources } from '../hooks/useManagedResources.ts';
import { compareResources } from '../model/kind-order.ts';
import { formatResource, resourceKey } from '../model/resource-key.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorBox } from './ErrorBox.tsx';
import { ResourceDiffView } from './ResourceDiffView.tsx';
import { Spinner } from './Spinner.tsx';

export function AppDiffPanel({ app }: { app: Application }) {
  const managed = useManagedResources(app);
  if (managed.error !== undefined && !managed.data)
    return <ErrorBox title="The diff cannot be loaded" error={managed.error} onRetry={managed.reload} />;
  if (!managed.data) return <Spinner label="Computing the diff" />;
  const changed = managed.data.filter((d) => d.modified && !d.hook).sort(compareResources);
  return (
    <div className="diff-panel" data-testid="diff-panel" data-count={changed.length}>
      {changed.length === 0 ? (
        <EmptyState title="Everything is in sync">The live state matches Git.</EmptyState>
      ) : (
        changed.map((d) => (
          <section
            key={resourceKey(d)}
            className="diff-resource"
            data-testid="diff-resource"
            data-resource={formatResource(d)}
            aria-label={formatResource(d)}
          >
            <h3 className="mono">{formatResource(d)}</h3>
            <ResourceDiffView diff={d} />
          </section>
        ))
      )}
    </div>
  );
}
