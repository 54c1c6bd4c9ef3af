import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from './artifact/types.ts';
import type { GcResult } from './api.ts';
import type { SourceContext } from './context.ts';

/**
 * Retention, as Flux applies it per object: per owner the newest artifact always stays, others
 * while younger than `maxAgeMs` and within `maxCount`; `keep` protects more. An owner `isLive`
 * denies (its object was deleted) loses every artifact older than `maxAgeMs`, as Flux removes an
 * object's artifacts when it is deleted (the age spares one whose object is still being created).
 * Then checkouts and
 * composed trees no kept artifact uses (and not touched within `maxAgeMs`), and mirrors unused for
 * `mirrorMaxAgeMs`. Runs exclusive of artifact builds.
 */
export function collectGarbage(
  ctx: SourceContext,
  options: { keep?: readonly Artifact[]; isLive?: (owner: string) => boolean } = {},
): Promise<GcResult> {
  const { o } = ctx;
  return ctx.gcLock.exclusive(async () => {
    const now = Date.now();
    const keep = new Set((options.keep ?? []).map((a) => a.path));
    const removed: string[] = [];
    const inUse = new Set<string>();
    for (const list of (await ctx.store.list()).values()) {
      list.sort((a, b) => b.artifact.lastUpdateTime.localeCompare(a.artifact.lastUpdateTime));
      for (const [i, m] of list.entries()) {
        const young = now - Date.parse(m.artifact.lastUpdateTime) < o.retention.maxAgeMs;
        const live = options.isLive?.(m.artifact.owner) ?? true;
        const retained = live ? i === 0 || (i < o.retention.maxCount && young) : young;
        if (retained || keep.has(m.artifact.path)) {
          inUse.add(m.contentDir);
          continue;
        }
        removed.push(m.artifact.path);
        await ctx.store.remove(m);
        ctx.manifests.delete(m.artifact.path);
      }
    }
    let removedCheckouts = 0;
    for (const dir of [ctx.checkoutsDir, ctx.contentDir]) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const full = join(dir, name);
        if (inUse.has(full)) continue;
        // Submodule checkouts are reached through composed trees, not manifests: age decides.
        const st = await stat(full).catch(() => undefined);
        if (!st || now - st.mtimeMs < o.retention.maxAgeMs) continue;
        await rm(full, { recursive: true, force: true });
        removedCheckouts++;
      }
    }
    let removedMirrors = 0;
    const mirrorsDir = join(o.cacheDir, 'mirrors');
    for (const name of await readdir(mirrorsDir).catch(() => [] as string[])) {
      const full = join(mirrorsDir, name);
      const st = await stat(full).catch(() => undefined);
      if (st && now - st.mtimeMs > o.mirrorMaxAgeMs) {
        await rm(full, { recursive: true, force: true });
        removedMirrors++;
      }
    }
    return { removedArtifacts: removed, removedCheckouts, removedMirrors };
  });
}
