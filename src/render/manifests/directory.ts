/**
 * Plain manifests: an Argo CD directory source (repo-server findManifests). Files ending in
 * .yaml/.yml/.json under the directory (subdirectories only with `recurse`), filtered by the
 * `exclude` then `include` globs on the relative path, in lexical walk order; files containing
 * `+argocd:skip-file-rendering` are skipped. YAML files may hold many documents, JSON files one
 * object; objects with an `items` list are flattened. Parsing follows the Kubernetes YAML
 * decoder (YAML 1.1 through sigs.k8s.io/yaml), and errors name the file and line.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CapstanError, throwIfAborted } from '../../core/index.ts';
import { marshalYaml, parseYamlDocuments, YamlSyntaxError } from '../yaml/index.ts';
import { globMatch } from './glob.ts';

export interface DirectoryOptions {
  /** Also read subdirectories (Argo's `directory.recurse`). */
  recurse: boolean;
  /** Only files whose relative path matches this glob (Argo's `directory.include`); empty: all. */
  include: string;
  /** Skip files whose relative path matches this glob (Argo's `directory.exclude`). */
  exclude: string;
  /** Symlinks may not point outside this directory (the repository checkout); default: `dir`. */
  repoRoot: string | undefined;
  signal: AbortSignal | undefined;
}

export const defaultDirectoryOptions: DirectoryOptions = {
  recurse: false,
  include: '',
  exclude: '',
  repoRoot: undefined,
  signal: undefined,
};

export interface ManifestObject {
  object: Record<string, unknown>;
  /** The file it came from, relative to the directory. */
  source: string;
  steps: string[];
}

export interface DirectoryResult {
  resources: ManifestObject[];
  /** The objects printed as one YAML stream (sigs.k8s.io/yaml style, `---` between documents). */
  yaml: string;
}

/** A directory source that cannot be rendered; names the file (and line) at fault. */
export class ManifestError extends CapstanError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'MANIFEST_INVALID', cause: options?.cause });
  }
}

const MANIFEST_FILE = /\.(yaml|yml|json)$/;
const SKIP_MARKER = '+argocd:skip-file-rendering';

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The candidate files in filepath.Walk order (entries sorted by name, depth first). */
function walk(dir: string, root: string, recurse: boolean, out: string[]): void {
  const names = readdirSync(dir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) {
      if (recurse) walk(p, root, recurse, out);
      continue;
    }
    out.push(p);
  }
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function objectsOf(text: string, rel: string): Record<string, unknown>[] {
  if (rel.endsWith('.json')) {
    let docs: unknown[];
    try {
      docs = parseYamlDocuments(text, { file: rel, dialect: 'v2' });
    } catch (err) {
      throw new ManifestError(
        `Failed to unmarshal "${rel}": ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    if (docs.length > 1)
      throw new ManifestError(
        `Found multiple objects in "${rel}". Only single objects are allowed in JSON files.`,
      );
    const d = docs[0];
    if (!isMap(d)) throw new ManifestError(`Failed to unmarshal "${rel}": not a JSON object`);
    return [d];
  }
  let docs: unknown[];
  try {
    docs = parseYamlDocuments(text, { file: rel, dialect: 'v2' });
  } catch (err) {
    // An unrelated YAML file that is not valid is ignored; one that looks like a manifest is an error.
    if (text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:')) {
      const line = err instanceof YamlSyntaxError ? err.line : 0;
      throw new ManifestError(
        `Failed to unmarshal "${rel}"${line ? ` (line ${line})` : ''}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    return [];
  }
  const out: Record<string, unknown>[] = [];
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (!isMap(d)) throw new ManifestError(`Failed to unmarshal "${rel}": a document is not an object`);
    out.push(d);
  }
  return out;
}

/** Renders an Argo CD directory source. */
// eslint-disable-next-line @typescript-eslint/require-await -- async by contract: reading may become async
export async function renderDirectory(
  dir: string,
  options: Partial<DirectoryOptions> = {},
): Promise<DirectoryResult> {
  const o = { ...defaultDirectoryOptions, ...options };
  throwIfAborted(o.signal);
  let appPath: string;
  try {
    appPath = realpathSync(dir);
    if (!statSync(appPath).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new ManifestError(`${dir}: not a readable directory`, { cause: err });
  }
  const repoRoot = realpathSync(o.repoRoot ?? appPath);
  const files: string[] = [];
  walk(appPath, appPath, o.recurse, files);
  const resources: ManifestObject[] = [];
  for (const file of files) {
    throwIfAborted(o.signal);
    const rel = relative(appPath, file).split(sep).join('/');
    const name = file.slice(file.lastIndexOf(sep) + 1);
    if (!MANIFEST_FILE.test(name)) continue;
    let real = file;
    if (lstatSync(file).isSymbolicLink()) {
      try {
        real = realpathSync(file);
      } catch {
        continue; // a dangling symlink is skipped, as Argo CD does (with a warning)
      }
      if (!inside(real, repoRoot))
        throw new ManifestError(`invalid manifest file "${file}": illegal filepath in symlink at "${rel}"`);
    }
    if (!statSync(real).isFile()) continue;
    if (o.exclude && globMatch(o.exclude, rel)) continue;
    if (o.include && !globMatch(o.include, rel)) continue;
    const text = readFileSync(real, 'utf8').replace(/^\ufeff/, '');
    if (text.includes(SKIP_MARKER)) continue;
    for (const obj of objectsOf(text, rel)) {
      const items = obj['items'];
      if (Array.isArray(items)) {
        for (const it of items) {
          if (!isMap(it)) throw new ManifestError(`${rel}: resource list item has unexpected type`);
          resources.push({ object: it, source: rel, steps: [] });
        }
      } else if (items === null && typeof obj['kind'] === 'string' && obj['kind'].endsWith('List')) {
        continue;
      } else resources.push({ object: obj, source: rel, steps: [] });
    }
  }
  return { resources, yaml: resources.map((r) => marshalYaml(r.object)).join('---\n') };
}
