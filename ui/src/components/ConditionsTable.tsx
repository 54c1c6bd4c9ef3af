import type { Condition } from '../api/index.ts';
import { TimeAgo } from './TimeAgo.tsx';

/** Kubernetes-style conditions (Flux's Ready/Reconciling/Stalled, Argo's error and warning types). */
export function ConditionsTable({
  conditions,
  caption,
}: {
  conditions: readonly Condition[];
  caption: string;
}) {
  if (conditions.length === 0) return null;
  return (
    <table className="table" data-testid="conditions">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
          <th scope="col">Message</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} className={c.status === 'False' || /Error$/.test(c.type) ? 'row-bad' : undefined}>
            <td>{c.type}</td>
            <td>{c.status ?? '—'}</td>
            <td>{c.reason ?? '—'}</td>
            <td className="cell-message">{c.message}</td>
            <td>
              <TimeAgo time={c.lastTransitionTime} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
