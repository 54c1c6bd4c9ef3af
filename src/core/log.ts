import { redactUrls } from './redact.ts';

/**
 * A small structured logger: one line per record on stderr, `logfmt`-like for people and JSON when
 * `CAPSTAN_LOG_FORMAT=json`. URLs with credentials are redacted in every record.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  format: 'text' | 'json';
  write: (line: string) => void;
  fields: LogFields;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export const defaultLoggerOptions: LoggerOptions = {
  level: parseLevel(process.env['CAPSTAN_LOG_LEVEL']) ?? 'info',
  format: process.env['CAPSTAN_LOG_FORMAT'] === 'json' ? 'json' : 'text',
  write: (line) => process.stderr.write(line + '\n'),
  fields: {},
};

export function parseLevel(v: string | undefined): LogLevel | undefined {
  return v !== undefined && v in ORDER ? (v as LogLevel) : undefined;
}

export function createLogger(options: Partial<LoggerOptions> = {}): Logger {
  const o: LoggerOptions = { ...defaultLoggerOptions, ...options };
  const min = ORDER[o.level];
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const all = { ...o.fields, ...fields };
    o.write(redactUrls(o.format === 'json' ? toJson(level, msg, all) : toText(level, msg, all)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...o, fields: { ...o.fields, ...fields } }),
  };
}

/** A logger that drops everything; for tests and library callers that pass none. */
export const silentLogger: Logger = createLogger({ level: 'silent' });

function toJson(level: LogLevel, msg: string, fields: LogFields): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_k, v: unknown) =>
    v instanceof Error ? v.message : v,
  );
}

function toText(level: LogLevel, msg: string, fields: LogFields): string {
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}`;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const s = v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v);
    line += ` ${k}=${/[\s"=]/.test(s) ? JSON.stringify(s) : s}`;
  }
  return line;
}
