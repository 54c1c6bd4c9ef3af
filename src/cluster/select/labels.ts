import { badRequest } from '../errors.ts';

type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a label selector. */
export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A parsed label selector: every requirement must hold (comma means AND). */
export interface LabelSelector {
  readonly requirements: readonly Requirement[];
  matches(labels: Record<string, string> | undefined): boolean;
}

/** Parses the `labelSelector` query syntax: `a=b,c!=d,e in (f,g),h notin (i),j,!k,l>1`. */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  const requirements = text ? parseRequirements(text) : [];
  return {
    requirements,
    matches: (labels) => requirements.every((r) => matchOne(r, labels ?? {})),
  };
}

/** The selector that a `metav1.LabelSelector` (matchLabels + matchExpressions) describes. */
export function fromLabelSelectorObject(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): LabelSelector {
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {}))
    requirements.push({ key, op: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[
      e.operator as 'In'
    ];
    if (op) requirements.push({ key: e.key, op, values: e.values ?? [] });
  }
  return { requirements, matches: (labels) => requirements.every((r) => matchOne(r, labels ?? {})) };
}

function matchOne(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case '=':
    case 'in':
      return has && r.values.includes(value!);
    case '!=':
    case 'notin':
      // Objects without the label match `!=` and `notin`, as in Kubernetes.
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      if (!Number.isInteger(n)) return false;
      return r.op === 'gt' ? n > bound : n < bound;
    }
  }
}

const KEY = /^([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parseRequirements(text: string): Requirement[] {
  const out: Requirement[] = [];
  let i = 0;
  const s = text;
  const skipSpace = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const fail = (why: string): never => {
    throw badRequest(
      `unable to parse requirement: ${why}: found '${s.slice(i)}' in label selector "${text}"`,
    );
  };
  const readWord = (): string => {
    skipSpace();
    const start = i;
    while (i < s.length && !' ,()=!<>'.includes(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipSpace();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readWord();
    if (!KEY.test(key)) fail(`invalid label key "${key}"`);
    skipSpace();
    if (negate) {
      out.push({ key, op: '!', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      out.push({ key, op: 'exists', values: [] });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      out.push({ key, op: '=', values: [value(readWord(), fail)] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      out.push({ key, op: '!=', values: [value(readWord(), fail)] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'gt' : 'lt';
      i++;
      const v = readWord();
      if (!/^-?\d+$/.test(v)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
      out.push({ key, op, values: [v] });
    } else {
      const word = readWord();
      if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      skipSpace();
      if (s[i] !== '(') fail(`found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readWord();
        values.push(value(v, fail));
        skipSpace();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        fail(`found '${s[i] ?? ''}', expected: ',', ')'`);
      }
      out.push({ key, op: word as 'in' | 'notin', values });
    }
    skipSpace();
    if (i < s.length) {
      if (s[i] !== ',') fail(`found '${s[i]}', expected: ','`);
      i++;
    }
  }
  return out;
}

function value(v: string, fail: (why: string) => never): string {
  if (v.length > 63 || !VALUE.test(v)) fail(`invalid label value: "${v}"`);
  return v;
}

/** `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, or `<none>` for an empty selector. */
export function formatLabelSelector(sel: unknown): string {
  const s = (sel ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const parts: string[] = [];
  for (const k of Object.keys(s.matchLabels ?? {}).sort()) parts.push(`${k}=${s.matchLabels![k]}`);
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}

/** `labels.FormatLabels`: sorted `k=v` pairs, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}
