/**
 * Finds the Kubernetes YAML documents in the seed tutorials (`../shared/seeds/*.txt`), which come
 * in three shapes:
 *
 * - Markdown fenced blocks (```yaml … ```), possibly holding several `---`-separated documents;
 * - a line `yaml` (a web page's code-block label) followed by the indented block;
 * - YAML pasted without any marker and with its indentation lost (a scraped web page), where
 *   the prose after a block may even be glued to its last line.
 *
 * Flattened documents get their indentation back from the kind's schema: each `key:` line is
 * nested under the innermost open mapping that declares that key (the CRD schemas for Argo CD
 * and Flux kinds, `kube`'s built-in schemas otherwise). Prose glued to a line is cut at the
 * first Cyrillic letter outside a comment (the scraped tutorials are in Russian).
 */
import { basename } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseApiVersion } from '../../src/core/index.ts';
import { schemaFor, schemaForCustomResource, type SchemaNode } from '../../src/kube/index.ts';
import type { CustomResourceDefinition } from '../../src/controllers/index.ts';

export interface SeedDocument {
  /** The seed file's name and the 1-based line the document starts on. */
  source: string;
  /** The YAML of this one document (with indentation restored when `reindented`). */
  yaml: string;
  object: Record<string, unknown>;
  reindented: boolean;
}

export interface ExtractResult {
  documents: SeedDocument[];
  /** Blocks that look like Kubernetes objects but could not be read, with why. */
  problems: string[];
}

interface Block {
  line: number;
  lines: string[];
  /** True when the block had no marker and may have lost its indentation. */
  bare: boolean;
}

const KEY_LINE = /^[A-Za-z0-9_.$/"'-][^:#\s]*:(\s|$)/;
const YAMLISH = (l: string) =>
  l.trim() === '' || /^\s/.test(l) || /^(#|---|- |-$)/.test(l) || KEY_LINE.test(l);
const CYRILLIC = /[\u0400-\u04FF]/;

/** Fenced blocks and `yaml`-labelled blocks; the line numbers of everything consumed. */
function markedBlocks(lines: string[]): { blocks: Block[]; used: Set<number> } {
  const blocks: Block[] = [];
  const used = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```/.exec(lines[i]!);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      for (let j = start; j <= i; j++) used.add(j);
      blocks.push({ line: start + 2, lines: body, bare: false });
      continue;
    }
    if (/^(yaml|yml)\s*$/.test(lines[i]!)) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && YAMLISH(lines[i]!); i++) body.push(lines[i]!);
      while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
      for (let j = start; j < start + 1 + body.length; j++) used.add(j);
      blocks.push({ line: start + 2, lines: body, bare: false });
      i--;
    }
  }
  return { blocks, used };
}

/** Unmarked runs starting at `apiVersion:` (with the comments just above), up to the first prose. */
function bareBlocks(lines: string[], used: Set<number>): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (used.has(i) || !/^apiVersion:\s*\S/.test(lines[i]!)) continue;
    let start = i;
    while (start > 0 && !used.has(start - 1) && /^#/.test(lines[start - 1]!)) start--;
    const body = lines.slice(start, i);
    let j = i;
    for (; j < lines.length && !used.has(j); j++) {
      const line = lines[j]!;
      if (!YAMLISH(line)) break;
      const cut = gluedProse(line);
      if (cut !== undefined) {
        body.push(cut);
        j++;
        break;
      }
      body.push(line);
    }
    for (let k = start; k < j; k++) used.add(k);
    blocks.push({ line: start + 1, lines: body, bare: true });
    i = j - 1;
  }
  return blocks;
}

/** The line without prose glued after its YAML, or undefined when nothing is glued. */
function gluedProse(line: string): string | undefined {
  if (/^\s*#/.test(line)) return undefined;
  const hash = line.indexOf(' #');
  const code = hash >= 0 ? line.slice(0, hash) : line;
  const m = CYRILLIC.exec(code);
  return m ? line.slice(0, m.index).trimEnd() : undefined;
}

/** Splits a block at `---` lines into documents, keeping each one's first line number. */
function splitDocuments(block: Block): { line: number; lines: string[] }[] {
  const docs: { line: number; lines: string[] }[] = [];
  let current = { line: block.line, lines: [] as string[] };
  block.lines.forEach((l, i) => {
    if (/^---\s*$/.test(l)) {
      docs.push(current);
      current = { line: block.line + i + 1, lines: [] };
    } else current.lines.push(l);
  });
  docs.push(current);
  return docs.filter((d) => d.lines.some((l) => /^\s*(apiVersion|kind):/.test(l)));
}

/** A block lost its indentation when it nests (`key:` with nothing after) yet nothing is indented. */
function isFlattened(lines: string[]): boolean {
  const content = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return content.some((l) => /^[^\s#-][^:]*:\s*$/.test(l)) && content.every((l) => !/^\s/.test(l));
}

type SchemaLookup = (apiVersion: string, kind: string) => SchemaNode | undefined;

/** A lookup over the given CRDs (any served version) and the built-in kinds. */
export function schemaLookup(crds: readonly CustomResourceDefinition[]): SchemaLookup {
  return (apiVersion, kind) => {
    const { group, version } = parseApiVersion(apiVersion);
    const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === kind);
    if (crd && crd.spec.versions.some((v) => v.name === version))
      return schemaForCustomResource(crd, version);
    return schemaFor({ apiVersion, kind });
  };
}

/** `apiVersion` and `kind` from a document's top-level lines. */
function typeOf(lines: string[]): { apiVersion: string; kind: string } {
  const value = (key: string) =>
    (lines.find((l) => l.startsWith(`${key}:`)) ?? '')
      .slice(key.length + 1)
      .trim()
      .replace(/^['"]|['"]$/g, '');
  return { apiVersion: value('apiVersion'), kind: value('kind') };
}

interface Frame {
  node: SchemaNode;
  indent: number;
  list: boolean;
}

function declares(node: SchemaNode, key: string): boolean {
  return node.kind === 'struct' && node.knownFields.includes(key);
}

function opensAnyKey(node: SchemaNode): boolean {
  return node.kind === 'map' || node.kind === 'any' || (node.kind === 'struct' && node.preserveUnknownFields);
}

function childOf(node: SchemaNode, key: string): SchemaNode | undefined {
  if (node.kind === 'map') return node.elements();
  return node.field(key);
}

/**
 * Restores the indentation of one flattened document. Throws when a line fits nowhere (the
 * caller reports it), rather than guessing.
 */
export function reindent(lines: string[], lookup: SchemaLookup): string {
  const { apiVersion, kind } = typeOf(lines);
  const root = lookup(apiVersion, kind);
  if (!root) throw new Error(`no schema for ${apiVersion} ${kind}`);
  const stack: Frame[] = [{ node: root, indent: 0, list: false }];
  const out: string[] = [];
  const pad = (n: number) => ' '.repeat(n);

  const placeKey = (key: string, rest: string, prefix?: { indent: number }): void => {
    // `key:` with nothing after opens a nested block, so it cannot be a scalar field (a Git ref's
    // `commit:` versus the automation's `commit:` block).
    const opensBlock = rest.replace(/\s+#.*$/, '').trim() === '';
    const fits = (node: SchemaNode) => {
      if (!declares(node, key)) return false;
      const kind = node.field(key)?.kind;
      return !opensBlock || (kind !== 'scalar' && kind !== 'intOrString');
    };
    let at = -1;
    for (let i = stack.length - 1; i >= 0 && at < 0; i--) if (!stack[i]!.list && fits(stack[i]!.node)) at = i;
    if (at < 0) {
      const top = stack.length - 1;
      if (!stack[top]!.list && opensAnyKey(stack[top]!.node)) at = top;
    }
    if (at < 0) throw new Error(`"${key}" fits no open mapping`);
    stack.length = at + 1;
    const frame = stack[at]!;
    out.push(prefix ? `${pad(prefix.indent)}- ${key}:${rest}` : `${pad(frame.indent)}${key}:${rest}`);
    if (!opensBlock) return;
    const child = childOf(frame.node, key);
    if (!child) throw new Error(`"${key}" has no schema`);
    stack.push({ node: child, indent: frame.indent + 2, list: child.kind === 'list' });
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      out.push(line);
      continue;
    }
    const item = /^-(\s+(.*))?$/.exec(line);
    if (item) {
      let at = stack.length - 1;
      while (at >= 0 && !stack[at]!.list) at--;
      if (at < 0) throw new Error(`list item "${line}" outside a list`);
      stack.length = at + 1;
      const list = stack[at]!;
      const content = item[2] ?? '';
      const kv = /^([^:\s][^:]*):(\s.*|)$/.exec(content);
      if (kv && !/^["']/.test(content)) {
        stack.push({ node: list.node.elements(), indent: list.indent + 2, list: false });
        placeKey(kv[1]!, kv[2]!, { indent: list.indent });
      } else out.push(`${pad(list.indent)}- ${content}`);
      continue;
    }
    const kv = /^([^:\s][^:]*):(\s.*|)$/.exec(line);
    if (!kv) throw new Error(`cannot read "${line}"`);
    placeKey(kv[1]!, kv[2]!);
  }
  return out.join('\n') + '\n';
}

/** Every Kubernetes object (a mapping with `apiVersion` and `kind`) in one seed file. */
export function extractSeedDocuments(file: string, text: string, lookup: SchemaLookup): ExtractResult {
  const lines = text.split('\n');
  const { blocks, used } = markedBlocks(lines);
  const all = [...blocks, ...bareBlocks(lines, used)].sort((a, b) => a.line - b.line);
  const documents: SeedDocument[] = [];
  const problems: string[] = [];
  for (const block of all) {
    for (const doc of splitDocuments(block)) {
      const source = `${basename(file)}:${doc.line}`;
      let yaml = doc.lines.join('\n') + '\n';
      const reindented = block.bare && isFlattened(doc.lines);
      try {
        if (reindented) {
          const type = typeOf(doc.lines);
          if (!lookup(type.apiVersion, type.kind)) {
            // A kind we have no schema for (a third-party CR): enough to name and skip it.
            documents.push({ source, yaml, object: { ...type }, reindented: false });
            continue;
          }
          yaml = reindent(doc.lines, lookup);
        }
        const parsed = parseAllDocuments(yaml);
        for (const d of parsed) {
          if (d.errors.length > 0) throw new Error(d.errors[0]!.message);
          const object = d.toJS() as unknown;
          if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
          const o = object as Record<string, unknown>;
          if (typeof o['apiVersion'] !== 'string' || typeof o['kind'] !== 'string') continue;
          documents.push({ source, yaml, object: o, reindented });
        }
      } catch (err) {
        problems.push(`${source}: ${(err as Error).message}`);
      }
    }
  }
  return { documents, problems };
}
