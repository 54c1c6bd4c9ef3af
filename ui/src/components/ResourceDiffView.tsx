import type { ResourceDiff } from '../api/index.ts';
import { parseState, toYaml, withoutNoise } from '../model/manifest.ts';
import { formatResource } from '../model/resource-key.ts';
import { DiffView } from './DiffView.tsx';

/** One managed resource's diff: live (normalized) against desired (predicted live), as Argo diffs. */
export function ResourceDiffView({ diff }: { diff: ResourceDiff | undefined }) {
  if (!diff) return <p className="muted">This resource is not managed by the application directly.</p>;
  const live = withoutNoise(parseState(diff.normalizedLiveState) ?? parseState(diff.liveState));
  const desired = withoutNoise(parseState(diff.predictedLiveState) ?? parseState(diff.targetState));
  if (!diff.modified && live && desired) return <p className="muted">Live and desired states match.</p>;
  return (
    <>
      {!desired && <p className="note">Not in Git any more: a sync with prune deletes it.</p>}
      {!live && <p className="note">Missing from the cluster: a sync creates it.</p>}
      <DiffView live={toYaml(live)} desired={toYaml(desired)} title={`Diff of ${formatResource(diff)}`} />
    </>
  );
}
