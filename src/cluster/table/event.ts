import { since } from './duration.ts';
import { column, NAME_COLUMN, num, str, type Printer } from './types.ts';

/** `kubectl get events`: last seen, type, reason, `kind/name` of the object, message (wide: more). */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'string', 'The object that this event is about.'),
    column(
      'Subobject',
      'string',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go-field access statement.',
      1,
    ),
    column(
      'Source',
      'string',
      'The component reporting this event. Should be a short machine understandable string.',
      1,
    ),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column(
      'First Seen',
      'string',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1,
    ),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: (o, now) => {
    const first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
    const series = o.series as { count?: number; lastObservedTime?: string } | undefined;
    let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
    let count = num(o.count);
    if (series) {
      last = since(series.lastObservedTime, now);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const involved = (o.involvedObject ?? {}) as { kind?: string; name?: string; fieldPath?: string };
    const kind = (involved.kind ?? '').toLowerCase();
    const source = (o.source ?? {}) as { component?: string; host?: string };
    const component = source.component || str(o.reportingComponent);
    const host = source.host || str(o.reportingInstance);
    return [
      last,
      str(o.type),
      str(o.reason),
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? '',
      host ? `${component}, ${host}` : component,
      str(o.message).trim(),
      first,
      count,
      o.metadata.name,
    ];
  },
};
