import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Schedule, ScheduleError } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

test('five-field schedules and macros, in UTC by default', () => {
  assert.equal(
    iso(new Schedule('*/15 * * * *').next(at('2024-03-01T10:07:30Z'))),
    '2024-03-01T10:15:00.000Z',
  );
  assert.equal(iso(new Schedule('@hourly').next(at('2024-03-01T10:07:00Z'))), '2024-03-01T11:00:00.000Z');
  assert.equal(iso(new Schedule('@daily').next(at('2024-03-01T10:07:00Z'))), '2024-03-02T00:00:00.000Z');
  assert.equal(iso(new Schedule('@weekly').next(at('2024-03-01T10:07:00Z'))), '2024-03-03T00:00:00.000Z');
  assert.equal(iso(new Schedule('0 0 ? * *').next(at('2024-03-01T10:07:00Z'))), '2024-03-02T00:00:00.000Z');
});

test('timeZone moves the schedule', () => {
  // 09:00 in Berlin is 08:00 UTC in winter.
  assert.equal(
    iso(new Schedule('0 9 * * *', 'Europe/Berlin').next(at('2024-01-10T00:00:00Z'))),
    '2024-01-10T08:00:00.000Z',
  );
});

test('day-of-month and day-of-week are OR-ed when both are restricted, as in robfig/cron', () => {
  const s = new Schedule('0 0 13 * 5');
  assert.equal(iso(s.next(at('2024-01-01T00:00:00Z'))), '2024-01-05T00:00:00.000Z'); // a Friday
  assert.equal(iso(s.next(at('2024-01-12T00:00:00Z'))), '2024-01-13T00:00:00.000Z'); // the 13th
});

test('mostRecent finds the latest missed time and counts the misses', () => {
  const s = new Schedule('*/10 * * * *');
  assert.deepEqual(s.mostRecent(at('2024-01-01T00:00:00Z'), at('2024-01-01T00:35:00Z')), {
    time: at('2024-01-01T00:30:00Z'),
    missed: 3,
  });
  assert.deepEqual(s.mostRecent(at('2024-01-01T00:00:00Z'), at('2024-01-01T00:05:00Z')), {
    time: undefined,
    missed: 0,
  });
});

test('refuses what Kubernetes refuses', () => {
  assert.throws(() => new Schedule('* * * * * *'), ScheduleError);
  assert.throws(() => new Schedule('@every 5m'), ScheduleError);
  assert.throws(() => new Schedule('TZ=UTC * * * * *'), /use timeZone field instead/);
  assert.throws(() => new Schedule('61 * * * *'), ScheduleError);
});
