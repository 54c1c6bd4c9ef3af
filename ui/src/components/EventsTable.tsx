import type { KubeEvent } from '../api/index.ts';
import { EmptyState } from './EmptyState.tsx';
import { TimeAgo } from './TimeAgo.tsx';

export function EventsTable({ events }: { events: readonly KubeEvent[] }) {
  if (events.length === 0) return <EmptyState title="No events" />;
  return (
    <table className="table" data-testid="events-table">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason</th>
          <th scope="col">Object</th>
          <th scope="col">Message</th>
          <th scope="col">Count</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr
            key={e.metadata.uid ?? e.metadata.name}
            className={e.type === 'Warning' ? 'row-bad' : undefined}
          >
            <td>{e.type}</td>
            <td>{e.reason}</td>
            <td className="mono">
              {e.involvedObject.kind}/{e.involvedObject.name}
            </td>
            <td className="cell-message">{e.message}</td>
            <td>{e.count ?? 1}</td>
            <td>
              <TimeAgo time={e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
