/**
 * Kubernetes label selectors as strings (apimachinery labels.Parse): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated and all required.
 */
import { KustomizeError } from './errors.ts';

type Req = { key: string; op: 'eq' | 'ne' | 'in' | 'notin' | 'exists' | 'absent'; values: string[] };

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseLabelSelector(selector: string): Req[] {
  const reqs: Req[] = [];
  if (selector.trim() === '') return reqs;
  for (const raw of splitTop(selector)) {
    const part = raw.trim();
    if (part === '') throw new KustomizeError(`unable to parse requirement: found '', expected: identifier`);
    let m = /^!\s*([^\s!=(),]+)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1]!, op: 'absent', values: [] });
      continue;
    }
    m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()) });
      continue;
    }
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1]!, op: m[2] === '!=' ? 'ne' : 'eq', values: [m[3]!] });
      continue;
    }
    m = /^([^\s!=(),]+)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1]!, op: 'exists', values: [] });
      continue;
    }
    throw new KustomizeError(`unable to parse requirement: ${part}`);
  }
  return reqs;
}

export function matchesLabelSelector(selector: string, labels: Record<string, string>): boolean {
  for (const r of parseLabelSelector(selector)) {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case 'eq':
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'ne':
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'absent':
        if (has) return false;
        break;
    }
  }
  return true;
}
