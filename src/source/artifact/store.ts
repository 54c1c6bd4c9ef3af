import { readdir, readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { StorageError } from '../errors.ts';
import type { ArtifactManifest } from './types.ts';

/**
 * Artifacts on disk: `<root>/<owner>/<name>.tar.gz` with `<name>.json` beside it. A manifest is
 * written last, by rename, so an artifact is visible only once complete; nothing in place is ever
 * overwritten, so a failed fetch leaves every earlier artifact as it was.
 */
export class ArtifactStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  tarPath(relPath: string): string {
    return join(this.root, relPath);
  }

  manifestPath(relTarPath: string): string {
    return join(this.root, relTarPath.replace(/\.tar\.gz$/, '.json'));
  }

  async read(relTarPath: string): Promise<ArtifactManifest | undefined> {
    try {
      return JSON.parse(await readFile(this.manifestPath(relTarPath), 'utf8')) as ArtifactManifest;
    } catch {
      return undefined;
    }
  }

  /** Publishes a manifest (the tar.gz must already be in place). */
  async publish(m: ArtifactManifest): Promise<void> {
    const file = this.manifestPath(m.artifact.path);
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, JSON.stringify(m));
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new StorageError(
        `${m.artifact.owner}: cannot store artifact ${m.artifact.path}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** Every stored manifest, grouped by owner. */
  async list(): Promise<Map<string, ArtifactManifest[]>> {
    const byOwner = new Map<string, ArtifactManifest[]>();
    const visit = async (dir: string): Promise<void> => {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const p = join(dir, name);
        if (name.endsWith('.json')) {
          const rel = relative(this.root, p).replace(/\.json$/, '.tar.gz');
          const m = await this.read(rel);
          if (m) byOwner.set(m.artifact.owner, [...(byOwner.get(m.artifact.owner) ?? []), m]);
        } else if ((await stat(p).catch(() => undefined))?.isDirectory()) {
          await visit(p);
        }
      }
    };
    await visit(this.root);
    return byOwner;
  }

  /** Removes an artifact: manifest first, so it stops being visible before its tar.gz goes. */
  async remove(m: ArtifactManifest): Promise<void> {
    await rm(this.manifestPath(m.artifact.path), { force: true });
    await rm(this.tarPath(m.artifact.path), { force: true });
  }
}
