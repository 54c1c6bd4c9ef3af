// Argo Applications and Flux Kustomizations in one list: tiles or rows, filters in the URL and
// applied by the server, kept live by the streams; virtualized so 1000 apps scroll smoothly.
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { AppFilterBar } from '../components/AppFilterBar.tsx';
import { AppTable } from '../components/AppTable.tsx';
import { AppTiles } from '../components/AppTiles.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { LiveIndicator } from '../components/LiveIndicator.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { StatusSummary } from '../components/StatusSummary.tsx';
import { useAppLists } from '../hooks/useAppLists.ts';
import {
  emptyFilters,
  fluxExcludedBy,
  formatFilters,
  isFiltered,
  parseFilters,
  type AppFilters,
} from '../model/filters.ts';
import { useSession } from '../session.ts';

export function ApplicationsPage() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (f: AppFilters) => navigate(`/applications${formatFilters(f)}`, { replace: true }),
    [navigate],
  );
  const { settings } = useSession();
  const fluxEnabled = settings.fluxEnabled !== false;
  const lists = useAppLists(filters, fluxEnabled);
  const excluded = fluxEnabled ? fluxExcludedBy(filters) : undefined;

  const failed = [lists.apps, lists.flux].find((l) => l.enabled && l.state === 'failed');
  const live = [lists.apps, lists.flux].filter((l) => l.enabled);
  const worst = live.find((l) => l.state !== 'live') ?? live[0];

  return (
    <div className="page apps-page">
      <div className="page-header">
        <h1>Applications</h1>
        {worst && <LiveIndicator state={worst.state} error={worst.error} />}
      </div>
      <AppFilterBar filters={filters} onChange={setFilters} fluxEnabled={fluxEnabled} />
      {excluded && filters.kind !== 'argo' && (
        <p className="note" role="note">
          Flux Kustomizations are hidden: they have no {excluded === 'project' ? 'project' : 'sync status'} to
          filter by.
        </p>
      )}
      <StatusSummary items={lists.items} />
      {failed ? (
        <ErrorBox title="The list cannot be loaded" error={failed.error} />
      ) : lists.loading && lists.items.length === 0 ? (
        <Spinner label="Loading applications" />
      ) : lists.items.length === 0 ? (
        isFiltered(filters) ? (
          <EmptyState title="Nothing matches these filters">
            <button
              type="button"
              className="btn"
              onClick={() => setFilters({ ...emptyFilters, view: filters.view })}
            >
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No applications yet">
            Create an Argo CD Application or a Flux Kustomization (<code>kubectl apply -f app.yaml</code>) and
            it appears here.
          </EmptyState>
        )
      ) : filters.view === 'list' ? (
        <AppTable items={lists.items} />
      ) : (
        <AppTiles items={lists.items} />
      )}
    </div>
  );
}
