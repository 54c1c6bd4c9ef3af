/**
 * Remote kustomize bases (`https://github.com/org/repo//path?ref=v1`) fetched through the source
 * module's git client: the reference resolves as an Argo CD targetRevision would (branch, tag or
 * commit), and the commit's files are written once into a directory render can read.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RemoteFetcher } from '../render/index.ts';
import type { GitSource } from '../source/index.ts';

export interface GitRemoteFetcherOptions {
  /** Where the source module keeps mirrors and artifacts. */
  cacheDir: string;
  /** Where checked-out bases are materialized, one directory per commit. */
  workDir: string;
}

export const defaultGitRemoteFetcherOptions: GitRemoteFetcherOptions = {
  cacheDir: join(tmpdir(), 'capstan', 'kustomize-remote'),
  workDir: join(tmpdir(), 'capstan', 'kustomize-remote', 'trees'),
};

export function gitRemoteFetcher(options: Partial<GitRemoteFetcherOptions> = {}): RemoteFetcher {
  const o = { ...defaultGitRemoteFetcherOptions, ...options };
  let source: GitSource | undefined;
  return {
    async fetch(ref, signal) {
      if (!source) {
        // Loaded on first use: most builds have no remote base.
        const { createGitSource } = await import('../source/index.ts');
        source = createGitSource({
          cacheDir: join(o.cacheDir, 'cache'),
          storageDir: join(o.cacheDir, 'artifacts'),
        });
      }
      const artifact = await source.fetchArtifact({
        url: ref.repo,
        ref: { api: 'argo', targetRevision: ref.ref },
        owner: 'kustomize-remote',
        signal,
      });
      const dir = join(o.workDir, artifact.commit);
      if (existsSync(dir)) return dir;
      const tmp = `${dir}.${process.pid}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      for (const file of await source.listFiles(artifact)) {
        const target = join(tmp, file);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, await source.readFile(artifact, file, { signal }));
      }
      mkdirSync(tmp, { recursive: true });
      try {
        renameSync(tmp, dir);
      } catch {
        rmSync(tmp, { recursive: true, force: true }); // another process won the race
      }
      return dir;
    },
  };
}
