/**
 * YAML timestamps as go-yaml v3 reads them: an unquoted `2001-12-14` becomes a Go `time.Time`,
 * which kustomize then prints through encoding/json as RFC 3339 (`"2001-12-14T00:00:00Z"`).
 * The original text is kept so transformers that read the scalar see what the user wrote.
 */
export class Timestamp {
  readonly text: string;
  /** RFC 3339 with nanoseconds, as Go's `time.Time.MarshalJSON` prints it. */
  readonly rfc3339: string;
  constructor(text: string, rfc3339: string) {
    this.text = text;
    this.rfc3339 = rfc3339;
  }
  toString(): string {
    return this.text;
  }
}

// go-yaml's allowedTimestampFormats, as regular expressions over Go's time.Parse layouts:
// "2006-1-2T15:4:5.999999999Z07:00", the same with a lower-case t, "2006-1-2 15:4:5.999999999",
// and "2006-1-2".
const DATE_TIME_ZONE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The timestamp go-yaml would read from `s`, or undefined. */
export function parseTimestamp(s: string): Timestamp | undefined {
  // Quick check, as go-yaml: all formats start with four digits and a dash.
  if (s.length < 8 || s[4] !== '-') return undefined;
  let m = DATE_TIME_ZONE.exec(s);
  let zone = 'Z';
  if (m) zone = m[8]!;
  else m = DATE_TIME.exec(s);
  if (!m) {
    m = DATE.exec(s);
    if (!m) return undefined;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const min = m[5] === undefined ? 0 : Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || min > 59 || sec > 59) return undefined;
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    if (zh === 0 && zm === 0) zone = 'Z';
  }
  const frac = (m[7] ?? '').replace(/0+$/, '');
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(min)}:${pad(sec)}${frac ? '.' + frac : ''}${zone}`;
  return new Timestamp(s, text);
}
