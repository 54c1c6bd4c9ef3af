/**
 * Where a kustomization reads files from: its root directory, the load restrictor (by default
 * files must lie in or below the root; `LoadRestrictionsNone` lifts that), and the chain of roots
 * that led here (for cycle detection and to keep bases of a remote base inside its repository).
 */
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { KustomizeError, wrap } from './errors.ts';
import { parseRemoteRef, type RemoteFetcher, type RemoteRef } from './remote.ts';

export type LoadRestrictor = 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function hasPrefix(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

export class Loader {
  readonly root: string;
  readonly restrictor: LoadRestrictor;
  readonly referrer: Loader | undefined;
  readonly repo: { ref: RemoteRef; cloneDir: string } | undefined;
  readonly remote: RemoteFetcher | undefined;
  /** When set, the directory acts as the file system root: `..` never climbs above it. */
  readonly fsRoot: string | undefined;
  /** Real paths of directories, shared by the loaders of one build (resolving is many syscalls). */
  private readonly realDirs: Map<string, string>;

  constructor(
    root: string,
    restrictor: LoadRestrictor,
    referrer?: Loader,
    repo?: { ref: RemoteRef; cloneDir: string },
    remote?: RemoteFetcher,
    fsRoot?: string,
  ) {
    this.fsRoot = fsRoot ?? referrer?.fsRoot;
    this.realDirs = referrer?.realDirs ?? new Map<string, string>();
    this.root = root;
    this.restrictor = restrictor;
    this.referrer = referrer;
    this.repo = repo;
    this.remote = remote ?? referrer?.remote;
  }

  /** The loader at `path` (a directory, absolute or relative to the process). */
  static at(path: string, restrictor: LoadRestrictor, remote?: RemoteFetcher, fsRoot?: string): Loader {
    const abs = resolve(path);
    if (!isDir(abs))
      throw new KustomizeError(
        `must build at directory: not a valid directory: evalsymlink failure on '${path}' : lstat ${abs}: no such file or directory`,
      );
    return new Loader(
      realpathSync(abs),
      restrictor,
      undefined,
      undefined,
      remote,
      fsRoot === undefined ? undefined : realpathSync(fsRoot),
    );
  }

  /** `path` relative to the root, clamped at the file system root when there is one. */
  resolvePath(path: string): string {
    if (this.fsRoot === undefined) return isAbsolute(path) ? path : join(this.root, path);
    const virtualRoot = '/' + relative(this.fsRoot, this.root).split(sep).join('/');
    const v = posix.resolve(virtualRoot, path);
    return join(this.fsRoot, v);
  }

  /** Reads a text file relative to the root, enforcing the load restrictor. */
  load(path: string): string {
    return this.loadBytes(path).toString('utf8');
  }

  /** Reads a file's bytes relative to the root, enforcing the load restrictor. */
  loadBytes(path: string): Buffer {
    const p = this.resolvePath(path);
    if (this.restrictor === 'LoadRestrictionsRootOnly' || this.repo) {
      const real = this.realFile(p);
      if (real === undefined) {
        throw new KustomizeError(`evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`);
      }
      if (isDir(real)) throw new KustomizeError(`'${p}' must resolve to a file`);
      const dirOk = hasPrefix(real, this.root);
      if (!dirOk) throw new KustomizeError(`security; file '${p}' is not in or below '${this.root}'`);
      return readFileSync(real);
    }
    try {
      return readFileSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new KustomizeError(`open ${p}: no such file or directory`);
      if (code === 'EISDIR') throw new KustomizeError(`read ${p}: is a directory`);
      throw err;
    }
  }

  exists(path: string): boolean {
    return existsSync(this.resolvePath(path));
  }

  /** The real path of a directory, cached for the build. */
  private realDir(dir: string): string {
    let r = this.realDirs.get(dir);
    if (r === undefined) {
      r = realpathSync(dir);
      this.realDirs.set(dir, r);
    }
    return r;
  }

  /** The real path of `p`, or undefined when it does not exist. */
  private realFile(p: string): string | undefined {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
    try {
      if (st.isSymbolicLink()) return realpathSync(p);
      return join(this.realDir(dirname(p)), basename(p));
    } catch {
      return undefined;
    }
  }

  /** Whether `path` (relative to the root) is a regular file, without throwing. */
  isFile(path: string): boolean {
    return statSync(this.resolvePath(path), { throwIfNoEntry: false })?.isFile() ?? false;
  }

  /** Whether `path` (relative to the root) is a local directory, without throwing. */
  isLocalDir(path: string): boolean {
    return statSync(this.resolvePath(path), { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  /** This loader and the loaders that led to it, nearest first. */
  private *chain(): Generator<Loader> {
    yield this;
    for (let l = this.referrer; l; l = l.referrer) yield l;
  }

  /** A loader for a base or component at `path` (relative directory or remote URL). */
  async child(path: string, signal: AbortSignal): Promise<Loader> {
    if (path === '') throw new KustomizeError('new root cannot be empty');
    const ref = parseRemoteRef(path);
    if (ref) {
      for (const l of this.chain()) {
        if (l.repo && l.repo.ref.raw.startsWith(ref.raw)) {
          throw new KustomizeError(
            `cycle detected: URI '${ref.raw}' referenced by previous URI '${l.repo.ref.raw}'`,
          );
        }
      }
      if (!this.remote) {
        throw new KustomizeError(
          `remote base '${path}': no remote fetcher configured (remote bases need the source module)`,
        );
      }
      let cloneDir: string;
      try {
        cloneDir = realpathSync(await this.remote.fetch(ref, signal));
      } catch (err) {
        throw wrap(err, `fetching remote base '${path}'`);
      }
      const root = resolve(cloneDir, ref.path);
      if (!hasPrefix(root, cloneDir))
        throw new KustomizeError(`"${root}" refers to directory outside of repo "${cloneDir}"`);
      if (!isDir(root)) throw new KustomizeError(`'${root}' refers to file; expecting directory`);
      return new Loader(root, 'LoadRestrictionsRootOnly', this, { ref, cloneDir }, undefined, cloneDir);
    }
    if (isAbsolute(path)) throw new KustomizeError(`new root '${path}' cannot be absolute`);
    const joined = this.resolvePath(path);
    if (!isDir(joined)) {
      throw new KustomizeError(
        `new root is not a directory: ${existsSync(joined) ? `'${joined}' is not a directory` : `evalsymlink failure on '${joined}' : lstat ${joined}: no such file or directory`}`,
      );
    }
    const root = this.realDir(joined);
    for (const l of this.chain()) {
      if (l.repo) {
        if (!hasPrefix(root, l.repo.cloneDir)) {
          throw new KustomizeError(
            `security; bases in kustomizations found in cloned git repos must be within the repo, but base '${root}' is outside '${l.repo.cloneDir}'`,
          );
        }
        break;
      }
    }
    for (const l of this.chain()) {
      if (hasPrefix(l.root, root)) {
        throw new KustomizeError(
          `cycle detected: candidate root '${root}' contains visited root '${l.root}'`,
        );
      }
    }
    return new Loader(root, this.restrictor, this, undefined);
  }
}
