import { formatLabelSelector } from '../select/labels.ts';
import { humanDuration, since } from './duration.ts';
import {
  AGE_COLUMN,
  column,
  CONTAINERS_COLUMN,
  containerCells,
  field,
  IMAGES_COLUMN,
  NAME_COLUMN,
  num,
  SELECTOR_COLUMN,
  str,
  type Printer,
} from './types.ts';

const template = (o: unknown) => field(o, 'spec', 'template', 'spec');

/** Jobs (status from their conditions, completions, duration) and CronJobs. */
interface Condition {
  type?: string;
  status?: string;
}

const hasCondition = (o: unknown, type: string) =>
  ((field(o, 'status', 'conditions') ?? []) as Condition[]).some(
    (c) => c.type === type && c.status === 'True',
  );

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (o, now) => {
    const succeeded = num(field(o, 'status', 'succeeded'));
    const completions = field(o, 'spec', 'completions');
    const parallelism = num(field(o, 'spec', 'parallelism'));
    const completionsText =
      typeof completions === 'number'
        ? `${succeeded}/${completions}`
        : parallelism > 1
          ? `${succeeded}/1 of ${parallelism}`
          : `${succeeded}/1`;
    const start = str(field(o, 'status', 'startTime'));
    const end = str(field(o, 'status', 'completionTime'));
    const duration = !start ? '' : humanDuration((end ? Date.parse(end) : now) - Date.parse(start));
    const status = hasCondition(o, 'Complete')
      ? 'Complete'
      : hasCondition(o, 'Failed')
        ? 'Failed'
        : o.metadata.deletionTimestamp
          ? 'Terminating'
          : hasCondition(o, 'Suspended')
            ? 'Suspended'
            : hasCondition(o, 'FailureTarget')
              ? 'FailureTarget'
              : 'Running';
    return [
      o.metadata.name,
      status,
      completionsText,
      duration,
      since(o.metadata.creationTimestamp, now),
      ...containerCells(template(o)),
      formatLabelSelector(field(o, 'spec', 'selector')),
    ];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', 'The schedule in Cron format.'),
    column('Timezone', 'string', 'The time zone name for the given schedule.'),
    column('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    column('Active', 'integer', 'A list of pointers to currently running jobs.'),
    column(
      'Last Schedule',
      'string',
      'Information when was the last time the job was successfully scheduled.',
    ),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (o, now) => {
    const jobTemplate = field(o, 'spec', 'jobTemplate', 'spec');
    const suspend = field(o, 'spec', 'suspend');
    const last = field(o, 'status', 'lastScheduleTime');
    return [
      o.metadata.name,
      str(field(o, 'spec', 'schedule')),
      str(field(o, 'spec', 'timeZone')) || '<none>',
      typeof suspend === 'boolean' ? (suspend ? 'True' : 'False') : '<unset>',
      ((field(o, 'status', 'active') ?? []) as unknown[]).length,
      last ? since(last, now) : '<none>',
      since(o.metadata.creationTimestamp, now),
      ...containerCells(field(jobTemplate, 'template', 'spec')),
      formatLabelSelector(field(jobTemplate, 'selector')),
    ];
  },
};
