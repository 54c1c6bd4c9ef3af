import { shortRevision } from '../model/revision.ts';

export function Revision({ revision }: { revision: string | undefined }) {
  if (!revision) return <span className="muted">—</span>;
  return (
    <code className="revision" title={revision}>
      {shortRevision(revision)}
    </code>
  );
}
