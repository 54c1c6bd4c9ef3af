/**
 * Artifacts unpacked for rendering: one tree per artifact digest, shared by every Kustomization or
 * Application of that source (1,000 Kustomizations of one repository unpack it once, where Flux
 * downloads and untars it for each). Trees nobody uses are removed beyond the newest `keep`, so a
 * long-running controller's disk use stays bounded however many commits it has seen.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Artifact, GitSource } from '../source/index.ts';

interface Tree {
  dir: string;
  ready: Promise<string>;
  users: number;
  lastUsed: number;
}

export class ArtifactTrees {
  readonly #root: string;
  readonly #sources: GitSource;
  readonly #keep: number;
  readonly #trees = new Map<string, Tree>();
  #seq = 0;

  constructor(root: string, sources: GitSource, keep = 8) {
    this.#root = root;
    this.#sources = sources;
    this.#keep = keep;
  }

  /** Runs `fn` with the artifact's unpacked directory, which stays in place until `fn` settles. */
  async with<T>(artifact: Artifact, signal: AbortSignal, fn: (dir: string) => Promise<T>): Promise<T> {
    const key = artifact.digest;
    let tree = this.#trees.get(key);
    if (!tree) {
      // A fresh directory per unpacking: an evicted tree of the same digest may still be removed.
      const dir = join(this.#root, `${key.replace(/[^a-z0-9]/gi, '-')}-${++this.#seq}`);
      tree = { dir, ready: this.#unpack(artifact, dir, signal), users: 0, lastUsed: 0 };
      this.#trees.set(key, tree);
      tree.ready.catch(() => this.#trees.delete(key));
    }
    tree.users++;
    tree.lastUsed = ++this.#seq;
    try {
      return await fn(await tree.ready);
    } finally {
      tree.users--;
      await this.#evict();
    }
  }

  async close(): Promise<void> {
    this.#trees.clear();
    await rm(this.#root, { recursive: true, force: true });
  }

  async #unpack(artifact: Artifact, dir: string, signal: AbortSignal): Promise<string> {
    const tmp = `${dir}.tmp-${Math.random().toString(36).slice(2)}`;
    try {
      for (const file of await this.#sources.listFiles(artifact)) {
        let data: Buffer;
        try {
          data = await this.#sources.readFile(artifact, file, { signal });
        } catch {
          continue; // symlinks out of the tree and oversize files are not part of what Flux builds
        }
        const target = join(tmp, file);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, data);
      }
      await mkdir(tmp, { recursive: true });
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
      return dir;
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  async #evict(): Promise<void> {
    if (this.#trees.size <= this.#keep) return;
    const idle = [...this.#trees.entries()]
      .filter(([, t]) => t.users === 0)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key, tree] of idle.slice(0, this.#trees.size - this.#keep)) {
      this.#trees.delete(key);
      await rm(tree.dir, { recursive: true, force: true });
    }
  }
}
