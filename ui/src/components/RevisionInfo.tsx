// A commit with its message and author (GET …/revisions/{rev}/metadata), loaded when shown.
import { getRevisionMetadata, type AppKey } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { commitOf } from '../model/revision.ts';
import { Revision } from './Revision.tsx';

export function RevisionInfo({ app, revision }: { app: AppKey; revision: string | undefined }) {
  const commit = commitOf(revision);
  const meta = useAsync(commit && `${app.appNamespace ?? ''}/${app.name}@${commit}`, (signal) =>
    getRevisionMetadata(app, commit!, signal),
  );
  return (
    <span className="revision-info">
      <Revision revision={revision} />
      {meta.data?.message && (
        <span className="revision-message" title={meta.data.message}>
          {meta.data.message.split('\n')[0]}
        </span>
      )}
      {meta.data?.author && <span className="muted"> — {meta.data.author.replace(/\s*<.*>$/, '')}</span>}
    </span>
  );
}
