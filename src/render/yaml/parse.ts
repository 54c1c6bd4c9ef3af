import { parseEvents, YAMLException } from 'js-yaml';
import { composeDocuments } from './compose.ts';
import { YamlSyntaxError, lineOf } from './errors.ts';

// eslint-disable-next-line no-control-regex
const DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;
import type { Dialect } from './resolve.ts';

export interface ParseOptions {
  /** Named in errors. */
  file: string;
  /** `v3` (resources, as kyaml reads them) or `v2` (YAML 1.1, as sigs.k8s.io/yaml reads them). */
  dialect: Dialect;
}

export const defaultParseOptions: ParseOptions = { file: '', dialect: 'v3' };

/** Every document of a YAML stream as plain values; empty documents are `null`. */
export function parseYamlDocuments(text: string, options: Partial<ParseOptions> = {}): unknown[] {
  const o = { ...defaultParseOptions, ...options };
  // libyaml's reader rejects non-printable characters anywhere in the stream.
  const bad = DISALLOWED.exec(text);
  if (bad) throw new YamlSyntaxError(o.file, lineOf(text, bad.index), 'control characters are not allowed');
  let events;
  try {
    events = parseEvents(text, { filename: o.file, maxDepth: 10_000 });
  } catch (err) {
    if (err instanceof YAMLException) {
      const mark = err.mark as { line?: number } | undefined;
      throw new YamlSyntaxError(o.file, (mark?.line ?? -1) + 1, err.reason);
    }
    throw err;
  }
  return composeDocuments(text, events, o.file, o.dialect);
}

/** A single-document YAML text as one value (`null` when empty). */
export function parseYaml(text: string, options: Partial<ParseOptions> = {}): unknown {
  const docs = parseYamlDocuments(text, options);
  return docs.length === 0 ? null : docs[0];
}
