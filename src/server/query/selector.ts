/**
 * Kubernetes label selectors in their string form (`env=prod,tier!=db`, `env in (a,b)`,
 * `env notin (c)`, `team`, `!legacy`), for the `selector` query parameter. A selector that does
 * not parse is the caller's mistake: 400 with the offending part named.
 */
import { ApiError } from '../errors.ts';

export type LabelTest = (labels: Readonly<Record<string, string>>) => boolean;

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas outside parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

function key(k: string, selector: string): string {
  if (!KEY.test(k))
    throw new ApiError('InvalidArgument', `invalid label selector "${selector}": bad key "${k}"`);
  return k;
}

export function parseLabelSelector(selector: string): LabelTest {
  const tests: LabelTest[] = [];
  for (const term of terms(selector)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const k = key(m[1]!, selector);
      const values = m[3]!.split(',').map((v) => v.trim());
      tests.push(
        m[2] === 'in'
          ? (l) => Object.hasOwn(l, k) && values.includes(l[k]!)
          : (l) => !Object.hasOwn(l, k) || !values.includes(l[k]!),
      );
    } else if ((m = term.match(/^([^!=\s]+)\s*(!=|==|=)\s*(\S*)$/))) {
      const k = key(m[1]!, selector);
      const v = m[3]!;
      tests.push(m[2] === '!=' ? (l) => l[k] !== v : (l) => Object.hasOwn(l, k) && l[k] === v);
    } else if ((m = term.match(/^!\s*(\S+)$/))) {
      const k = key(m[1]!, selector);
      tests.push((l) => !Object.hasOwn(l, k));
    } else {
      const k = key(term, selector);
      tests.push((l) => Object.hasOwn(l, k));
    }
  }
  return (labels) => tests.every((t) => t(labels));
}
