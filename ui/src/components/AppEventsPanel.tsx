import { getApplicationEvents, type Application } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { appKeyOf } from '../model/paths.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { EventsTable } from './EventsTable.tsx';
import { Spinner } from './Spinner.tsx';

/** The Application's own events, reloaded whenever the app changes (a sync, a health change). */
export function AppEventsPanel({ app }: { app: Application }) {
  const events = useAsync(
    `${app.metadata.namespace ?? ''}/${app.metadata.name}@${app.metadata.resourceVersion ?? ''}`,
    (signal) => getApplicationEvents(appKeyOf(app), {}, signal),
  );
  if (events.error !== undefined && !events.data)
    return <ErrorBox title="The events cannot be loaded" error={events.error} />;
  if (!events.data) return <Spinner label="Loading events" />;
  return <EventsTable events={events.data} />;
}
