import type { KubeObject } from '../../core/index.ts';

/** A column of a `meta.k8s.io/v1` Table. Priority > 0 columns show with `-o wide`. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** How one type prints: its columns and the cells of one object's row (all columns, wide included). */
export interface Printer {
  columns: ColumnDefinition[];
  cells(object: KubeObject, now: number): unknown[];
  /** Row conditions, e.g. a finished Pod's `Completed` (kubectl greys those rows out). */
  conditions?(
    object: KubeObject,
  ): { type: string; status: string; reason: string; message: string }[] | undefined;
}

export function column(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): ColumnDefinition {
  return { name, type, format, description, priority };
}

export const NAME_COLUMN = column(
  'Name',
  'string',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  0,
  'name',
);
export const AGE_COLUMN = column(
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations.',
);
export const CONTAINERS_COLUMN = column(
  'Containers',
  'string',
  'Names of each container in the template.',
  1,
);
export const IMAGES_COLUMN = column(
  'Images',
  'string',
  'Images referenced by each container in the template.',
  1,
);
export const SELECTOR_COLUMN = column(
  'Selector',
  'string',
  'A label query over the objects this one selects.',
  1,
);

/** Reads a nested field; undefined when any step is missing. */
export function field(obj: unknown, ...path: string[]): unknown {
  let v = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `layoutContainerCells`: container names and images, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = (field(podSpec, 'containers') ?? []) as { name?: string; image?: string }[];
  return [containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(',')];
}
