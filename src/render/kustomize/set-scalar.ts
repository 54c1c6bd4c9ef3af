/**
 * How a kustomize transformer writes a string into an existing scalar field (kyaml FieldSetter
 * with an untagged scalar): the new text is re-read as YAML, so a name prefix that makes `123`
 * stays a number, unless it looks like a YAML 1.1 boolean (kyaml quotes those) or the old value
 * was a quoted string (the old style is kept).
 */
import { resolvePlain } from '../yaml/index.ts';
import type { Container } from './fieldspec.ts';

export function setScalarText(container: Container, key: string | number, text: string): void {
  const c = container as Record<string | number, unknown>;
  const existing = c[key];
  if (typeof existing === 'string' && existing !== '' && resolvePlain(existing, 'v3').tag !== 'str') {
    c[key] = text;
    return;
  }
  c[key] = typedScalar(text);
}

/** The value an untagged plain scalar with this text has, quoting YAML 1.1 non-strings. */
export function typedScalar(text: string): unknown {
  if (resolvePlain(text, 'v2').tag !== 'str' && resolvePlain(text, 'v3').tag === 'str') return text;
  return resolvePlain(text, 'v3').value;
}
