import { getFluxEvents, type FluxObject, type FluxResource } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { EventsTable } from './EventsTable.tsx';
import { Spinner } from './Spinner.tsx';

export function FluxEvents({ resource, obj }: { resource: FluxResource; obj: FluxObject }) {
  const key = { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
  const events = useAsync(
    `${resource}/${key.namespace}/${key.name}@${obj.metadata.resourceVersion ?? ''}`,
    (signal) => getFluxEvents(resource, key, signal),
  );
  if (events.error !== undefined && !events.data)
    return <ErrorBox title="The events cannot be loaded" error={events.error} />;
  if (!events.data) return <Spinner label="Loading events" />;
  return <EventsTable events={events.data} />;
}
