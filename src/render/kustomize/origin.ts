/**
 * kustomize's own origin annotations (`buildMetadata: [originAnnotations, transformerAnnotations]`):
 * `config.kubernetes.io/origin` and `alpha.config.kubernetes.io/transformations`, printed as kyaml
 * marshals its Origin struct.
 */
import { join } from 'node:path/posix';

export interface Origin {
  path?: string;
  repo?: string;
  ref?: string;
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

export function appendOrigin(
  o: Origin | undefined,
  path: string,
  remote?: { repo: string; ref: string; path: string },
): Origin {
  const c: Origin = { ...(o ?? {}) };
  if (remote) {
    c.repo = remote.repo;
    c.ref = remote.ref;
    c.path = join(remote.path);
    return c;
  }
  c.path = join(c.path ?? '', path);
  return c;
}

function fields(o: Origin, indent: string, first: string): string {
  const lines: string[] = [];
  if (o.path) lines.push(`path: ${o.path}`);
  if (o.repo) lines.push(`repo: ${o.repo}`);
  if (o.ref) lines.push(`ref: ${o.ref}`);
  if (o.configuredIn) lines.push(`configuredIn: ${o.configuredIn}`);
  if (o.configuredBy) {
    lines.push('configuredBy:');
    lines.push(`  apiVersion: ${o.configuredBy.apiVersion}`);
    lines.push(`  kind: ${o.configuredBy.kind}`);
    if (o.configuredBy.name) lines.push(`  name: ${o.configuredBy.name}`);
    if (o.configuredBy.namespace) lines.push(`  namespace: ${o.configuredBy.namespace}`);
  }
  return lines.map((l, i) => (i === 0 ? first : indent) + l).join('\n') + '\n';
}

export function originString(o: Origin): string {
  return fields(o, '', '');
}

export function transformationsString(list: Origin[]): string {
  return list.map((o) => fields(o, '  ', '- ')).join('');
}

/** Parses what originString wrote (the annotation may also come from a previous build). */
export function parseOrigin(text: string): Origin {
  const o: Origin = {};
  let by: Origin['configuredBy'] | undefined;
  for (const line of text.split('\n')) {
    const m = /^(\s*)(\w+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, ind = '', k = '', v = ''] = m;
    if (ind.length > 0 && by) {
      (by as Record<string, string>)[k] = v;
    } else if (k === 'configuredBy') {
      by = { apiVersion: '', kind: '' };
      o.configuredBy = by;
    } else (o as Record<string, string>)[k] = v;
  }
  return o;
}

export function parseTransformations(text: string): Origin[] {
  const items = text.split(/^- /m).filter((s) => s.trim() !== '');
  return items.map((s) => parseOrigin(s.replace(/^ {2}/gm, '')));
}
