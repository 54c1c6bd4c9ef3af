import { CapstanError, formatRef, type KubeObject } from '../../core/index.ts';
import { compareGoStrings } from '../json.ts';
import type { FieldSet } from './field-set.ts';
import type { ManagerEntry } from './managers.ts';
import { goQuote, pathString, type PathElement } from './path-element.ts';

/** One field another manager owns that an apply would change. */
export interface FieldConflict {
  /** The other manager's name (`fieldManager`). */
  readonly manager: string;
  /** How the server prints the manager: `"kube-controller-manager" using apps/v1`. */
  readonly managerDescription: string;
  readonly path: readonly PathElement[];
  /** The field as the server prints it: `.spec.replicas`. */
  readonly field: string;
}

/** A `metav1.StatusCause` of a 409 apply conflict. */
export interface ConflictCause {
  readonly type: 'FieldManagerConflict';
  readonly message: string;
  readonly field: string;
}

/** apimachinery `printManager`: the name, its subresource, and `using <apiVersion>` for updaters. */
export function describeManager(
  e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  let s = goQuote(e.manager);
  if (e.subresource) s += ` with subresource ${goQuote(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** The conflicts of each manager, managers in identifier order, paths in set order. */
export function conflictsFrom(
  byManager: Map<string, { entry: ManagerEntry; set: FieldSet }>,
): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const id of [...byManager.keys()].sort(compareGoStrings)) {
    const { entry, set } = byManager.get(id)!;
    const managerDescription = describeManager(entry);
    for (const path of set.paths()) {
      out.push({ manager: entry.manager, managerDescription, path, field: pathString(path) });
    }
  }
  return out;
}

/** The 409 message (apimachinery `getConflictMessage`). */
export function conflictMessage(conflicts: readonly FieldConflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${c.managerDescription}: ${c.field}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.managerDescription) ?? [];
    list.push(c.field);
    byManager.set(c.managerDescription, list);
  }
  const lines: string[] = [];
  for (const [manager, fields] of byManager) {
    lines.push(`conflicts with ${manager}:`);
    for (const f of fields) lines.push(`- ${f}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * An apply that would change fields other managers own (HTTP 409, reason Conflict). `status`
 * carries the server's message and causes; `force` takes the fields over instead.
 */
export class SsaConflictError extends CapstanError {
  readonly conflicts: readonly FieldConflict[];
  /** The message a real API server puts in the 409 Status. */
  readonly statusMessage: string;
  readonly causes: readonly ConflictCause[];

  constructor(
    object: Pick<KubeObject, 'kind' | 'metadata'> | undefined,
    conflicts: readonly FieldConflict[],
  ) {
    const statusMessage = conflictMessage(conflicts);
    const prefix = object?.metadata?.name ? `${formatRef(object as KubeObject)}: ` : '';
    super(`${prefix}${statusMessage}`, { code: 'SSA_CONFLICT' });
    this.conflicts = conflicts;
    this.statusMessage = statusMessage;
    this.causes = conflicts.map((c) => ({
      type: 'FieldManagerConflict',
      message: `conflict with ${c.managerDescription}`,
      field: c.field,
    }));
  }
}
