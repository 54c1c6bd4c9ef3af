import { getApplicationEvents, type AppKey } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import type { TreeItem } from '../model/tree-build.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { EventsTable } from './EventsTable.tsx';
import { Spinner } from './Spinner.tsx';

export function ResourceEvents({ appKey, item }: { appKey: AppKey; item: TreeItem }) {
  const events = useAsync(`${item.key}@${item.health ?? ''}`, (signal) =>
    getApplicationEvents(
      appKey,
      {
        resourceNamespace: item.namespace,
        resourceName: item.name,
        ...(item.uid ? { resourceUID: item.uid } : {}),
      },
      signal,
    ),
  );
  if (events.error !== undefined)
    return <ErrorBox title="The events cannot be loaded" error={events.error} />;
  if (!events.data) return <Spinner label="Loading events" />;
  return <EventsTable events={events.data} />;
}
