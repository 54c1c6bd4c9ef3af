/**
 * `-o json|yaml|wide` and the default table, as kubectl and argocd print them: tables with
 * upper-case headers and columns padded to the widest cell.
 */
import { stringify } from 'yaml';
import { CapstanError } from '../core/index.ts';
import type { CliIo } from './io.ts';

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml' | 'name';

export function outputFormat(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if (v === 'table' || v === 'wide' || v === 'json' || v === 'yaml' || v === 'name') return v;
  throw new CapstanError(`-o ${v}: one of json, yaml, wide, name`, { code: 'InvalidArgument' });
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

export interface Columns<T> {
  headers: string[];
  row: (item: T) => string[];
  /** Extra columns for `-o wide`. */
  wideHeaders?: string[];
  wideRow?: (item: T) => string[];
}

/** Prints `data` (a list or one object) in the chosen format. */
export function print<T>(
  io: CliIo,
  format: OutputFormat,
  data: T | T[],
  columns: Columns<T>,
  name?: (item: T) => string,
): void {
  if (format === 'json') return io.out(JSON.stringify(data, null, 2));
  if (format === 'yaml') return io.out(stringify(data).trimEnd());
  const items = Array.isArray(data) ? data : [data];
  if (format === 'name' && name) return io.out(items.map(name).join('\n'));
  const wide = format === 'wide' && columns.wideHeaders && columns.wideRow;
  const headers = wide ? [...columns.headers, ...columns.wideHeaders!] : columns.headers;
  const rows = items.map((i) => (wide ? [...columns.row(i), ...columns.wideRow!(i)] : columns.row(i)));
  if (rows.length === 0) return io.err('No resources found.');
  io.out(table([headers, ...rows]));
}
