import { Cron } from 'croner';

/** The macros robfig/cron (and so Kubernetes) accepts besides five fields. */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class ScheduleError extends Error {}

/**
 * A CronJob schedule as kube-controller-manager reads it (`cron.ParseStandard`): five fields or
 * a macro, `?` as `*`, day-of-month and day-of-week OR-ed when both are restricted, in the
 * CronJob's `timeZone` (UTC, the controller's zone, when unset).
 */
export class Schedule {
  readonly #cron: Cron;

  constructor(spec: string, timeZone?: string) {
    const text = spec.trim();
    if (/^(CRON_)?TZ=/.test(text))
      throw new ScheduleError('cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const expr = MACROS[text.toLowerCase()] ?? text;
    if (text.startsWith('@') && !MACROS[text.toLowerCase()])
      throw new ScheduleError(`unrecognized descriptor: ${text}`);
    const fields = expr.split(/\s+/);
    if (fields.length !== 5)
      throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: ${text}`);
    try {
      this.#cron = new Cron(fields.join(' ').replace(/\?/g, '*'), {
        paused: true,
        timezone: timeZone ?? 'UTC',
        domAndDow: false,
      });
    } catch (err) {
      throw new ScheduleError((err as Error).message);
    }
  }

  /** The first scheduled time strictly after `ms`. */
  next(ms: number): number | undefined {
    return this.#cron.nextRun(new Date(ms))?.getTime();
  }

  /**
   * The most recent scheduled time in (`since`, `now`], and how many were missed in between
   * (`getMostRecentScheduleTime`).
   */
  mostRecent(since: number, now: number): { time: number | undefined; missed: number } {
    let time: number | undefined;
    let missed = 0;
    for (let t = this.next(since); t !== undefined && t <= now; t = this.next(t)) {
      time = t;
      if (++missed > 1000) {
        // Far behind (a long outage): the most recent time is all that matters now.
        time = this.#cron.previousRuns(1, new Date(now + 1))[0]?.getTime() ?? time;
        break;
      }
    }
    return { time, missed };
  }
}
