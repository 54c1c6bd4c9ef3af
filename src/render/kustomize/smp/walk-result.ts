import type { SchemaNode } from './schema.ts';

/** Results of kyaml's merge walk that are not values: "remove this field", "keep this null". */
export const CLEAR = Symbol('clear');
export const KEEP_NULL = Symbol('keep-null');

export type Walked = unknown;

/** The merge walk, handed to the list merge (which recurses into elements). */
export type Walk = (dest: unknown, patch: unknown, schema: SchemaNode | undefined) => Walked;

export const isNull = (v: unknown): boolean => v === null || v === undefined;
