import type { KubeObject } from '../../core/index.ts';
import { schemaFor } from '../schema/lookup.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import { FieldSet } from './field-set.ts';
import { fieldElement } from './path-element.ts';

/** Options shared by apply and update tracking. */
export interface FieldManagerOptions {
  /** The object's schema; built-ins are looked up by apiVersion/kind, custom resources pass theirs. */
  readonly schema?: SchemaNode | undefined;
  /** `status`, `scale`, or '' (the default) for the main resource. */
  readonly subresource?: string | undefined;
  /**
   * Field paths the endpoint resets and nobody may own (apimachinery "reset fields"), as lists of
   * field names. Default: `status` on the main resource of kinds with a status, `spec` on `/status`.
   */
  readonly resetFields?: readonly (readonly string[])[] | undefined;
  /** The clock for managedFields times. */
  readonly now: () => Date;
}

export const defaultFieldManagerOptions = { subresource: '' } as const;

/** The schema to walk for an object: the given one, the built-in one, or untyped. */
export function schemaOf(
  obj: Pick<KubeObject, 'apiVersion' | 'kind'>,
  given: SchemaNode | undefined,
): SchemaNode {
  return given ?? schemaFor({ apiVersion: obj.apiVersion, kind: obj.kind }) ?? ANY;
}

/** The reset-field set of a request (see `FieldManagerOptions.resetFields`). */
export function resetFieldSet(
  schema: SchemaNode,
  subresource: string,
  given: readonly (readonly string[])[] | undefined,
): FieldSet | undefined {
  const paths =
    given ??
    (subresource === 'status'
      ? [['spec']]
      : subresource === '' && schema.kind === 'struct' && schema.field('status') !== undefined
        ? [['status']]
        : []);
  if (paths.length === 0) return undefined;
  return FieldSet.of(...paths.map((p) => p.map(fieldElement)));
}

/**
 * The manager of a write without `fieldManager`: the User-Agent up to its first `/`, printable
 * characters only, at most 128 bytes (apiserver `prefixFromUserAgent`).
 */
export function managerFromUserAgent(userAgent: string): string {
  const prefix = userAgent.split('/')[0] ?? '';
  let out = '';
  for (const ch of prefix) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (Buffer.byteLength(out + ch) > 128) break;
    out += ch;
  }
  return out;
}
