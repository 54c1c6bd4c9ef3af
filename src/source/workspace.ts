import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { copyEntries } from './artifact/compose.ts';
import { safeRelativePath } from './artifact/read.ts';
import type { FetchArtifactRequest } from './api.ts';
import { exists, manifestOf, mirrorRequest, type SourceContext } from './context.ts';
import { checkTreeSize, checkoutCommit, listCommitTree } from './git/checkout.ts';
import { listTree } from './ignore/walk.ts';
import type { ResolvePlan } from './reference.ts';
import { listSubmodules } from './submodules.ts';
import { parseGitUrl, type GitUrl } from './url.ts';

export interface Checkout {
  dir: string;
  /** Paths of submodule gitlinks in the commit's tree. */
  gitlinks: string[];
}

/** The commit's checkout (made once; size limits checked before anything is written). */
export async function checkout(
  ctx: SourceContext,
  url: GitUrl,
  mirror: string,
  commit: string,
): Promise<Checkout> {
  const blobs = await listCommitTree(ctx.runner, url.display, mirror, commit);
  checkTreeSize(url.display, commit, blobs, {
    maxFileSize: ctx.o.maxFileSize,
    maxTotalSize: ctx.o.maxTotalSize,
  });
  const dir = await checkoutCommit(ctx.runner, ctx.checkoutLocks, {
    subject: url.display,
    mirror,
    commit,
    dir: ctx.checkoutsDir,
    tmpDir: ctx.tmpDir,
    name: commit,
    base: ctx.lastCheckout.get(mirror),
  });
  ctx.lastCheckout.set(mirror, { dir, commit });
  return { dir, gitlinks: blobs.filter((b) => b.mode === '160000').map((b) => b.path) };
}

/**
 * The checkout with submodules (recursively) and includes copied in, as a directory of its own
 * (files hard-linked), made once per commit and content key.
 */
export async function compose(
  ctx: SourceContext,
  url: GitUrl,
  req: FetchArtifactRequest,
  mirror: string,
  commit: string,
  base: Checkout,
  key: string,
): Promise<string> {
  const target = join(ctx.contentDir, `${commit}-${key}`);
  if (await exists(target)) return target;
  await mkdir(ctx.contentDir, { recursive: true });
  await mkdir(ctx.tmpDir, { recursive: true });
  const tmp = await mkdtemp(join(ctx.tmpDir, 'compose-'));
  try {
    const tree = join(tmp, 'tree');
    await mkdir(tree);
    await copyEntries(base.dir, await listTree(base.dir), tree, '');
    if (req.recurseSubmodules && base.gitlinks.length > 0) {
      await addSubmodules(ctx, url, req, mirror, commit, base.gitlinks, tree, 0);
    }
    for (const inc of req.include ?? []) {
      const m = await manifestOf(ctx, inc.artifact);
      const to = safeRelativePath(url.display, inc.toPath);
      const from = inc.fromPath ? safeRelativePath(url.display, inc.fromPath) : '';
      await rm(join(tree, to), { recursive: true, force: true });
      const included = new Set(m.files);
      const entries = (await listTree(m.contentDir)).filter((e) => e.type !== 'dir' && included.has(e.path));
      await copyEntries(m.contentDir, entries, tree, to, from);
    }
    await rename(tree, target).catch(async (err: unknown) => {
      if (!(await exists(target))) throw err;
    });
    return target;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Fetches each submodule's pinned commit with the parent's credentials and copies it in. */
async function addSubmodules(
  ctx: SourceContext,
  url: GitUrl,
  req: FetchArtifactRequest,
  mirror: string,
  commit: string,
  gitlinks: string[],
  tree: string,
  depth: number,
): Promise<void> {
  if (depth > 5) return;
  for (const s of await listSubmodules(ctx.runner, url, mirror, commit, gitlinks)) {
    const subUrl = parseGitUrl(s.url);
    const plan: ResolvePlan = {
      commit: s.commit,
      abbreviated: undefined,
      fetchRef: undefined,
      shallow: false,
      fluxName: undefined,
      api: 'flux',
      description: `submodule ${s.path} commit ${s.commit}`,
    };
    const mreq = mirrorRequest(ctx, subUrl, req);
    await ctx.mirrors.listRemote(mreq); // access is checked with these credentials every time
    const got = await ctx.mirrors.ensureCommit(mreq, plan);
    const co = await checkout(ctx, subUrl, got.mirror, got.commit);
    const dst = join(tree, s.path);
    await rm(dst, { recursive: true, force: true });
    await copyEntries(co.dir, await listTree(co.dir), tree, s.path);
    if (co.gitlinks.length)
      await addSubmodules(ctx, subUrl, req, got.mirror, got.commit, co.gitlinks, dst, depth + 1);
  }
}
