/**
 * Garbage collection of the shared GitSource, which Flux's source-controller does after every
 * reconcile and on deletion: every `intervalMs` the source applies its retention, and the artifacts
 * of GitRepositories and Applications that no longer exist are removed. Without it a long-running
 * `capstan up` keeps one tarball per commit it ever saw.
 */
import { errorMessage, type Logger } from '../../core/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { GitSource } from '../../source/index.ts';

/** Artifact owners as the front ends name them, and the object each stands for. */
const OWNER_KINDS: Record<string, { group: string; kind: string }> = {
  gitrepository: { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository' },
  application: { group: 'argoproj.io', kind: 'Application' },
};

/** Whether the object behind an artifact owner (`gitrepository/ns/name`) is still in the cluster. */
export function ownerIsLive(cache: Pick<ClusterCache, 'get'>, owner: string): boolean {
  const [prefix = '', namespace = '', ...rest] = owner.split('/');
  const kind = OWNER_KINDS[prefix];
  // Owners this process does not know are somebody else's: never collected as dead.
  if (!kind || rest.length === 0) return true;
  return cache.get({ ...kind, namespace, name: rest.join('/') }) !== undefined;
}

export function scheduleSourceGc(input: {
  sources: GitSource;
  cache: Pick<ClusterCache, 'get'>;
  intervalMs: number;
  signal: AbortSignal;
  logger: Logger;
}): void {
  const run = async () => {
    try {
      const result = await input.sources.gc({
        signal: input.signal,
        isLive: (owner) => ownerIsLive(input.cache, owner),
      });
      if (result.removedArtifacts.length + result.removedCheckouts + result.removedMirrors > 0)
        input.logger.info('source garbage collected', {
          artifacts: result.removedArtifacts.length,
          checkouts: result.removedCheckouts,
          mirrors: result.removedMirrors,
        });
    } catch (err) {
      if (!input.signal.aborted)
        input.logger.warn('source garbage collection failed', { error: errorMessage(err) });
    }
  };
  const timer = setInterval(() => void run(), input.intervalMs);
  timer.unref();
  input.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
