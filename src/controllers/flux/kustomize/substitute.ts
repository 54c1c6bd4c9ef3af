/**
 * Flux's post-build variable substitution (kustomize-controller `kustomize_varsub.go` with
 * fluxcd/pkg `envsubst`): per object, on its YAML text, after the build. `${var}`,
 * `${var:=default}` (and `=`, `:-`, `-`), `${#var}`, `${var:offset[:length]}`, case modifiers
 * `^ ^^ , ,,`, prefix/suffix removal `# ## % %%` and replacement `/ // /# /%` (literal patterns);
 * `$var` without braces is left alone and `$${var}` is a literal `${var}`. Strict, as Flux is by
 * default since v1.9: a variable without default that is not set is an error.
 */
import { CapstanError, formatRef, type KubeObject } from '../../../core/index.ts';
import { marshalYaml, parseYaml } from '../../../render/index.ts';

export const substituteAnnotation = 'kustomize.toolkit.fluxcd.io/substitute';

export interface SubstituteOptions {
  vars: Record<string, string>;
  /** `WithVariables` (substitute only when some variable is set) or `Always`. */
  strategy: 'WithVariables' | 'Always';
  strict: boolean;
}

export class SubstituteError extends CapstanError {}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

function expand(body: string, vars: Record<string, string>, strict: boolean): string {
  if (body.startsWith('#') && NAME.test(body.slice(1))) return String((vars[body.slice(1)] ?? '').length);
  const m = /^([_a-zA-Z][_a-zA-Z0-9]*)(.*)$/s.exec(body);
  if (!m) throw new SubstituteError(`bad substitution: \${${body}}`, { code: 'SUBSTITUTE_FAILED' });
  const name = m[1]!;
  const op = m[2]!;
  const value = vars[name];
  const def = /^(:=|=|:-|-)(.*)$/s.exec(op);
  if (def) {
    const [, kind, fallback] = def;
    if (value === undefined || (kind!.startsWith(':') && value === '')) return fallback!;
    return value;
  }
  if (value === undefined && strict) {
    throw new SubstituteError(`variable not set (strict mode): "${name}"`, { code: 'SUBSTITUTE_FAILED' });
  }
  const v = value ?? '';
  if (op === '') return v;
  if (op === '^') return v.charAt(0).toUpperCase() + v.slice(1);
  if (op === '^^') return v.toUpperCase();
  if (op === ',') return v.charAt(0).toLowerCase() + v.slice(1);
  if (op === ',,') return v.toLowerCase();
  const sub = /^:(-?\d+)(?::(\d+))?$/.exec(op);
  if (sub) {
    let start = Number(sub[1]);
    if (start < 0) start = Math.max(0, v.length + start);
    return sub[2] === undefined ? v.slice(start) : v.slice(start, start + Number(sub[2]));
  }
  if (op.startsWith('##') || op.startsWith('#')) {
    const p = op.replace(/^##?/, '');
    return v.startsWith(p) ? v.slice(p.length) : v;
  }
  if (op.startsWith('%%') || op.startsWith('%')) {
    const p = op.replace(/^%%?/, '');
    return p !== '' && v.endsWith(p) ? v.slice(0, v.length - p.length) : v;
  }
  const rep = /^\/(\/|#|%)?([^/]*)(?:\/(.*))?$/s.exec(op);
  if (rep) {
    const [, mode, pattern = '', replacement = ''] = rep;
    if (pattern === '') return v;
    if (mode === '/') return v.split(pattern).join(replacement);
    if (mode === '#') return v.startsWith(pattern) ? replacement + v.slice(pattern.length) : v;
    if (mode === '%') return v.endsWith(pattern) ? v.slice(0, v.length - pattern.length) + replacement : v;
    return v.replace(pattern, replacement);
  }
  throw new SubstituteError(`bad substitution: \${${body}}`, { code: 'SUBSTITUTE_FAILED' });
}

/** Substitutes `${…}` in `text`; braces nest only as far as finding the closing one. */
export function envsubst(text: string, vars: Record<string, string>, strict: boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at < 0) break;
    out += text.slice(i, at);
    if (text.startsWith('$${', at)) {
      const end = text.indexOf('}', at + 3);
      if (end < 0) {
        out += text.slice(at);
        i = text.length;
        break;
      }
      out += text.slice(at + 1, end + 1);
      i = end + 1;
      continue;
    }
    if (text[at + 1] === '{') {
      const end = text.indexOf('}', at + 2);
      if (end < 0) throw new SubstituteError(`missing closing brace`, { code: 'SUBSTITUTE_FAILED' });
      out += expand(text.slice(at + 2, end), vars, strict);
      i = end + 1;
      continue;
    }
    out += '$';
    i = at + 1;
  }
  return out + text.slice(i);
}

function disabled(obj: KubeObject): boolean {
  const v = obj.metadata.annotations?.[substituteAnnotation] ?? obj.metadata.labels?.[substituteAnnotation];
  return v?.toLowerCase() === 'disabled';
}

/** Values lose their newlines, as Flux strips them; names must be shell variable names. */
export function variablesOf(sources: readonly Record<string, string>[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const s of sources) {
    for (const [k, v] of Object.entries(s)) {
      if (!NAME.test(k)) {
        throw new SubstituteError(
          `'${k}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'`,
          {
            code: 'SUBSTITUTE_FAILED',
          },
        );
      }
      vars[k] = v.replace(/\r?\n/g, '');
    }
  }
  return vars;
}

export function substituteObjects(objects: readonly KubeObject[], o: SubstituteOptions): KubeObject[] {
  if (o.strategy === 'WithVariables' && Object.keys(o.vars).length === 0) return [...objects];
  return objects.map((obj) => {
    if (disabled(obj)) return obj;
    const text = marshalYaml(obj);
    if (!text.includes('$')) return obj;
    let replaced: string;
    try {
      replaced = envsubst(text, o.vars, o.strict);
    } catch (err) {
      throw new SubstituteError(`${formatRef(obj)}: envsubst error: ${(err as Error).message}`, {
        code: 'SUBSTITUTE_FAILED',
        cause: err,
      });
    }
    return JSON.parse(JSON.stringify(parseYaml(replaced, { file: formatRef(obj) }))) as KubeObject;
  });
}
