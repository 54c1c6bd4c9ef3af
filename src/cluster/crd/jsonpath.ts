/**
 * The JSONPath subset printer columns and selectable fields use: `.a.b`, `['a.b']`, `[0]`,
 * `[*]`, `.*` and filters `[?(@.type=="Ready")]` (with `==`, `!=`, or bare existence). Returns
 * every match, in document order; none when the path does not resolve.
 */
export function evaluateJsonPath(root: unknown, path: string): unknown[] {
  let nodes: unknown[] = [root];
  for (const step of parse(path)) {
    const next: unknown[] = [];
    for (const node of nodes) apply(step, node, next);
    nodes = next;
  }
  return nodes;
}

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!=' | 'exists'; value: unknown };

function apply(step: Step, node: unknown, out: unknown[]): void {
  if (node === null || node === undefined) return;
  switch (step.kind) {
    case 'field':
      if (typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, step.name)) {
        out.push((node as Record<string, unknown>)[step.name]);
      }
      return;
    case 'index':
      if (Array.isArray(node)) {
        const i = step.index < 0 ? node.length + step.index : step.index;
        if (i >= 0 && i < node.length) out.push(node[i]);
      }
      return;
    case 'all':
      if (Array.isArray(node)) out.push(...(node as unknown[]));
      else if (typeof node === 'object') out.push(...(Object.values(node) as unknown[]));
      return;
    case 'filter': {
      const items = Array.isArray(node) ? (node as unknown[]) : [];
      for (const item of items) {
        let v: unknown = item;
        for (const k of step.path)
          v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
        const keep =
          step.op === 'exists' ? v !== undefined : step.op === '==' ? v === step.value : v !== step.value;
        if (keep) out.push(item);
      }
    }
  }
}

function parse(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (p.startsWith('$')) p = p.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      i++;
      if (p[i] === '*') {
        steps.push({ kind: 'all' });
        i++;
        continue;
      }
      const start = i;
      while (i < p.length && p[i] !== '.' && p[i] !== '[') i++;
      if (i > start) steps.push({ kind: 'field', name: p.slice(start, i) });
    } else if (c === '[') {
      const end = closing(p, i);
      steps.push(bracket(p.slice(i + 1, end).trim()));
      i = end + 1;
    } else {
      const start = i;
      while (i < p.length && p[i] !== '.' && p[i] !== '[') i++;
      steps.push({ kind: 'field', name: p.slice(start, i) });
    }
  }
  return steps;
}

function closing(p: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < p.length; i++) {
    const c = p[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return p.length - 1;
}

function bracket(inner: string): Step {
  if (inner === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2]! };
  const filter = /^\?\(\s*@((?:\.[^.=!\s)]+)+)\s*(?:(==|!=)\s*(.+?))?\s*\)$/.exec(inner);
  if (filter) {
    const path = filter[1]!.slice(1).split('.');
    if (!filter[2]) return { kind: 'filter', path, op: 'exists', value: undefined };
    return { kind: 'filter', path, op: filter[2] as '==' | '!=', value: literal(filter[3]!) };
  }
  return { kind: 'field', name: inner };
}

function literal(text: string): unknown {
  const t = text.trim();
  const q = /^(['"])(.*)\1$/.exec(t);
  if (q) return q[2];
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return Number.isNaN(n) ? t : n;
}
