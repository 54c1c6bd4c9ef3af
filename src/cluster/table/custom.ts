import type { KubeObject } from '../../core/index.ts';
import type { PrinterColumn } from '../crd/crd-version.ts';
import { evaluateJsonPath } from '../crd/jsonpath.ts';
import { since } from './duration.ts';
import { NAME_COLUMN, type ColumnDefinition, type Printer } from './types.ts';

const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations.';

/**
 * A custom resource's table: Name plus the version's `additionalPrinterColumns`, or an Age column
 * when it has none, with cells typed as kube-apiserver types them (integer, number, boolean,
 * date as an age, string as the JSONPath results).
 */
export function customPrinter(columns: readonly PrinterColumn[]): Printer {
  const cols: PrinterColumn[] =
    columns.length > 0
      ? [...columns]
      : [
          {
            name: 'Age',
            type: 'date',
            description: AGE_DESCRIPTION,
            jsonPath: '.metadata.creationTimestamp',
          },
        ];
  return {
    columns: [
      NAME_COLUMN,
      ...cols.map((c): ColumnDefinition => ({
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    cells: (o, now) => [o.metadata.name, ...cols.map((c) => cell(o, c, now))],
  };
}

function cell(o: KubeObject, c: PrinterColumn, now: number): unknown {
  const results = evaluateJsonPath(o, c.jsonPath).filter((v) => v !== undefined);
  if (results.length === 0) return null;
  const value = results[0];
  switch (c.type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : since(value, now);
    default:
      return results.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  }
}

/** Types without a printer: Name and Created At (RFC 3339), as kube-apiserver's default. */
export const defaultPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    {
      name: 'Created At',
      type: 'date',
      format: '',
      description: AGE_DESCRIPTION,
      priority: 0,
    },
  ],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};
