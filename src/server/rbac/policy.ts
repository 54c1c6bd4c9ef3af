/**
 * Argo CD's policy CSV (`argocd-rbac-cm` `policy.csv`, the `policy.<name>.csv` overlays, and
 * AppProject role policies): `p, subject, resource, action, object, effect` and
 * `g, member, role`. Lines are trimmed; blank lines and `#` comments are skipped; fields are
 * CSV (quotes allowed, leading spaces ignored). A `p` line needs 6 fields and a `g` line 3;
 * anything else makes the whole policy invalid, with the line number in the error.
 */
import { CapstanError } from '../../core/index.ts';

export interface PolicyRule {
  subject: string;
  resource: string;
  action: string;
  object: string;
  /** `allow` and `deny` count; any other word is inert, as casbin treats it. */
  effect: string;
}

export interface GroupRule {
  member: string;
  role: string;
}

export interface Policy {
  rules: PolicyRule[];
  groups: GroupRule[];
}

export class PolicyError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'RBAC_POLICY_INVALID' });
  }
}

/** Parses one policy text; `source` names it in errors (`argocd-rbac-cm policy.csv`). */
export function parsePolicy(text: string, source: string): Policy {
  const policy: Policy = { rules: [], groups: [] };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = splitCsv(line);
    const bad = () => new PolicyError(`${source}: line ${n + 1}: invalid RBAC policy: ${line}`);
    if (fields === undefined) throw bad();
    const [kind, ...rest] = fields;
    if (kind === 'p' && rest.length === 5) {
      const [subject, resource, action, object, effect] = rest as [string, string, string, string, string];
      policy.rules.push({ subject, resource, action, object, effect });
    } else if (kind === 'g' && rest.length === 2) {
      policy.groups.push({ member: rest[0]!, role: rest[1]! });
    } else throw bad();
  }
  return policy;
}

/** Concatenates `policy.csv` and then every `policy.<name>.csv` key in key order, as Argo CD does. */
export function policyCsv(data: Readonly<Record<string, string>>): string {
  const parts = [data['policy.csv'] ?? ''];
  for (const key of Object.keys(data).sort()) {
    if (key !== 'policy.csv' && key.startsWith('policy.') && key.endsWith('.csv')) parts.push(data[key]!);
  }
  return parts.join('\n');
}

/** One CSV record (Go's encoding/csv with TrimLeadingSpace); undefined on a malformed quote. */
function splitCsv(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return undefined;
    } else {
      const end = line.indexOf(',', i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      if (field.includes('"')) return undefined;
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
