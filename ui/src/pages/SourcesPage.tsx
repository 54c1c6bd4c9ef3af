// Flux GitRepositories: where each points, the revision it fetched, whether it is Ready; live.
import { Link } from 'wouter';
import { FluxActions } from '../components/FluxActions.tsx';
import { FluxBadge } from '../components/FluxBadge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { LiveIndicator } from '../components/LiveIndicator.tsx';
import { Revision } from '../components/Revision.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { TimeAgo } from '../components/TimeAgo.tsx';
import { listFlux, watchFlux, type GitRepository } from '../api/index.ts';
import { useLiveList } from '../hooks/useLiveList.ts';
import { findCondition, fluxHealth, fluxStatusLabel } from '../model/health.ts';
import { gitRefText } from '../model/git-ref.ts';
import { gitRepositoryPath } from '../model/paths.ts';
import { useSession } from '../session.ts';

export default function SourcesPage() {
  const { settings } = useSession();
  const enabled = settings.fluxEnabled !== false;
  const repos = useLiveList<GitRepository>(enabled ? 'gitrepositories' : undefined, {
    loadPage: (token, signal) =>
      listFlux<GitRepository>(
        'gitrepositories',
        { limit: 500, ...(token ? { continue: token } : {}) },
        signal,
      ),
    stream: (resourceVersion, onEvent, signal, onOpen) =>
      watchFlux<GitRepository>('gitrepositories', { resourceVersion }, onEvent, signal, onOpen),
  });
  const items = [...repos.items.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));

  return (
    <div className="page" data-testid="sources-page">
      <div className="page-header">
        <h1>Sources</h1>
        {enabled && <LiveIndicator state={repos.state} error={repos.error} />}
      </div>
      {!enabled ? (
        <EmptyState title="Flux is not enabled on this server" />
      ) : repos.state === 'failed' ? (
        <ErrorBox title="The sources cannot be loaded" error={repos.error} />
      ) : repos.loading ? (
        <Spinner label="Loading sources" />
      ) : items.length === 0 ? (
        <EmptyState title="No Git repositories">
          Apply a Flux <code>GitRepository</code> and it appears here.
        </EmptyState>
      ) : (
        <table className="table" data-testid="sources-table">
          <caption>Git repositories</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">URL</th>
              <th scope="col">Ref</th>
              <th scope="col">Revision</th>
              <th scope="col">Fetched</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const ready = findCondition(r.status?.conditions, 'Ready');
              return (
                <tr
                  key={`${r.metadata.namespace ?? ''}/${r.metadata.name}`}
                  data-testid="source-row"
                  data-name={r.metadata.name}
                >
                  <td>
                    <Link
                      href={gitRepositoryPath(r.metadata.namespace ?? '', r.metadata.name)}
                      className="mono"
                      data-testid="source-link"
                    >
                      {r.metadata.namespace}/{r.metadata.name}
                    </Link>
                  </td>
                  <td>
                    <FluxBadge health={fluxHealth(r)} label={fluxStatusLabel(r)} message={ready?.message} />
                    {ready?.status === 'False' && <p className="status-message">{ready.message}</p>}
                  </td>
                  <td className="mono cell-clip" title={r.spec.url}>
                    {r.spec.url}
                  </td>
                  <td className="mono">{gitRefText(r.spec.ref)}</td>
                  <td>
                    <Revision revision={r.status?.artifact?.revision} />
                  </td>
                  <td>
                    <TimeAgo time={r.status?.artifact?.lastUpdateTime} />
                  </td>
                  <td>
                    <FluxActions resource="gitrepositories" obj={r} compact />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
