// The filters of the applications page (Argo's: project, sync, health, namespace, labels) plus the
// kind (Argo or Flux) and the view switch. Every change goes to the URL and from there to the server.
import { listProjects } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import type { AppFilters, KindFilter } from '../model/filters.ts';
import { HEALTH_ORDER, SYNC_STATUSES } from '../model/health.ts';
import { Icon } from './Icon.tsx';
import { SearchBox } from './SearchBox.tsx';
import { TextFilter } from './TextFilter.tsx';
import { ToggleChips } from './ToggleChips.tsx';

const KINDS: { value: KindFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'argo', label: 'Argo CD' },
  { value: 'flux', label: 'Flux' },
];

const splitList = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function AppFilterBar({
  filters,
  onChange,
  fluxEnabled,
}: {
  filters: AppFilters;
  onChange: (f: AppFilters) => void;
  fluxEnabled: boolean;
}) {
  const projects = useAsync('projects', (signal) => listProjects(signal));
  const projectNames = (projects.data?.items ?? []).map((p) => p.metadata.name).sort();
  const set = (patch: Partial<AppFilters>): void => onChange({ ...filters, ...patch });

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-row">
        <SearchBox value={filters.search} onChange={(search) => set({ search })} />
        {fluxEnabled && (
          <div className="segmented" role="radiogroup" aria-label="Kind" data-testid="filter-kind">
            {KINDS.map((k) => (
              <button
                key={k.value}
                type="button"
                role="radio"
                aria-checked={filters.kind === k.value}
                className={filters.kind === k.value ? 'on' : ''}
                onClick={() => set({ kind: k.value })}
              >
                {k.label}
              </button>
            ))}
          </div>
        )}
        <div className="segmented" role="radiogroup" aria-label="View" data-testid="view-switch">
          <button
            type="button"
            role="radio"
            aria-checked={filters.view === 'tiles'}
            className={filters.view === 'tiles' ? 'on' : ''}
            onClick={() => set({ view: 'tiles' })}
            title="Tiles"
          >
            <Icon name="tiles" />
            <span className="visually-hidden">Tiles</span>
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={filters.view === 'list'}
            className={filters.view === 'list' ? 'on' : ''}
            onClick={() => set({ view: 'list' })}
            title="List"
          >
            <Icon name="list" />
            <span className="visually-hidden">List</span>
          </button>
        </div>
      </div>
      <div className="filter-row">
        <ToggleChips
          label="Sync"
          options={SYNC_STATUSES}
          selected={filters.sync}
          onChange={(sync) => set({ sync })}
          testId="filter-sync"
        />
        <ToggleChips
          label="Health"
          options={HEALTH_ORDER}
          selected={filters.health}
          onChange={(health) => set({ health })}
          testId="filter-health"
        />
      </div>
      <div className="filter-row">
        <label className="field">
          <span>Project</span>
          <select
            value={filters.projects[0] ?? ''}
            onChange={(e) => set({ projects: e.target.value ? [e.target.value] : [] })}
            data-testid="filter-project"
          >
            <option value="">All projects</option>
            {[...new Set([...projectNames, ...filters.projects])].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <TextFilter
          label="Namespace"
          placeholder="web, api"
          value={filters.namespaces.join(', ')}
          onCommit={(v) => set({ namespaces: splitList(v) })}
          testId="filter-namespace"
        />
        <TextFilter
          label="Labels"
          placeholder="env=prod,tier!=db"
          value={filters.labels}
          onCommit={(labels) => set({ labels })}
          testId="filter-labels"
        />
      </div>
    </section>
  );
}
