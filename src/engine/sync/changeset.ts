/**
 * The named result of applying a set of objects (fluxcd/pkg `ssa.ChangeSet`): one entry per object
 * with what happened to it. Controllers build events, conditions and the Flux inventory from it; the
 * CLI prints it. Every message starts with the object (`Deployment/shop/web configured`,
 * `Deployment/shop/web: apply failed: …`).
 */
import { formatRef, parseApiVersion, type KubeObject } from '../../core/index.ts';

export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'pruned' | 'skipped' | 'failed';

export interface ChangeSetEntry {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  /** `Kind/ns/name`. */
  subject: string;
  action: ChangeAction;
  /** Starts with `subject`. */
  message: string;
}

export class ChangeSet {
  readonly entries: ChangeSetEntry[] = [];

  /** Records an outcome; `detail` (an error text for `failed`) is appended after the subject. */
  add(obj: KubeObject, action: ChangeAction, detail?: string): ChangeSetEntry {
    const { group, version } = parseApiVersion(obj.apiVersion);
    const subject = formatRef(obj);
    const message = detail === undefined ? `${subject} ${action}` : `${subject}: ${detail}`;
    const entry: ChangeSetEntry = {
      group,
      version,
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
      subject,
      action,
      message,
    };
    this.entries.push(entry);
    return entry;
  }

  append(other: ChangeSet): void {
    this.entries.push(...other.entries);
  }

  /** Subjects by action, e.g. for an event "created: [...], configured: [...]". */
  toGroupedMap(): Partial<Record<ChangeAction, string[]>> {
    const out: Partial<Record<ChangeAction, string[]>> = {};
    for (const e of this.entries) (out[e.action] ??= []).push(e.subject);
    return out;
  }

  toMap(): Map<string, ChangeAction> {
    return new Map(this.entries.map((e) => [e.subject, e.action]));
  }

  hasChanges(): boolean {
    return this.entries.some((e) => e.action !== 'unchanged' && e.action !== 'skipped');
  }

  failed(): ChangeSetEntry[] {
    return this.entries.filter((e) => e.action === 'failed');
  }

  toString(): string {
    return this.entries.map((e) => e.message).join('\n');
  }
}
