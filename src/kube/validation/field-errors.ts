import { CapstanError, formatRef, parseApiVersion, type KubeObject } from '../../core/index.ts';
import { goQuote } from '../ssa/path-element.ts';
import { goJson } from '../ssa/go-json.ts';

/** The `reason` of a `metav1.StatusCause` for a field error (apimachinery `field.ErrorType`). */
export type FieldReason =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong';

/** One field error, as a 422 Status carries it in `details.causes`. */
export interface FieldCause {
  readonly reason: FieldReason;
  /** The field path: `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** The error body without the field: `Required value`, `Invalid value: "x": field is immutable`. */
  readonly message: string;
}

/** How apimachinery prints a bad value: numbers and booleans bare, strings quoted, the rest as JSON. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJson(value, false);
}

function body(label: string, detail: string | undefined): string {
  return detail ? `${label}: ${detail}` : label;
}

export function required(field: string, detail?: string): FieldCause {
  return { reason: 'FieldValueRequired', field, message: body('Required value', detail) };
}

export function invalid(field: string, value: unknown, detail: string): FieldCause {
  return {
    reason: 'FieldValueInvalid',
    field,
    message: body(`Invalid value: ${renderValue(value)}`, detail),
  };
}

export function forbidden(field: string, detail: string): FieldCause {
  return { reason: 'FieldValueForbidden', field, message: body('Forbidden', detail) };
}

export function duplicate(field: string, value: unknown): FieldCause {
  return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${renderValue(value)}` };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${renderValue(value)}: supported values: ${supported.map(goQuote).join(', ')}`,
  };
}

export function tooLong(field: string, max: number): FieldCause {
  return { reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` };
}

/** `field: message`, as the aggregate error lists each cause. */
export function causeString(c: FieldCause): string {
  return `${c.field}: ${c.message}`;
}

/** The kind qualified by its group, as Status messages name it: `Deployment.apps`, `Service`. */
export function qualifiedKind(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const { group } = parseApiVersion(obj.apiVersion);
  return group ? `${obj.kind}.${group}` : obj.kind;
}

/**
 * An object the API server rejects with 422 Invalid. `statusMessage` is the real server's text,
 * `Deployment.apps "web" is invalid: spec.selector: Required value`; `causes` go into the Status.
 */
export class InvalidObjectError extends CapstanError {
  readonly causes: readonly FieldCause[];
  readonly statusMessage: string;

  constructor(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, causes: readonly FieldCause[]) {
    const list = causes.map(causeString);
    const detail = list.length === 1 ? list[0]! : `[${list.join(', ')}]`;
    const name = obj.metadata?.name ?? obj.metadata?.generateName ?? '';
    const statusMessage = `${qualifiedKind(obj)} ${goQuote(name)} is invalid: ${detail}`;
    super(`${name ? formatRef(obj) : obj.kind}: ${statusMessage}`, { code: 'INVALID' });
    this.causes = causes;
    this.statusMessage = statusMessage;
  }
}
