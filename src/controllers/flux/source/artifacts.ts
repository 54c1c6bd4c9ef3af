import type { KubeObject } from '../../../core/index.ts';
import type { Artifact } from '../../../source/index.ts';

export const gitRepositoryApiVersion = 'source.toolkit.fluxcd.io/v1';

/**
 * The source module's artifact behind a GitRepository's `status.artifact`: the store finds the
 * manifest by `path` and checks `digest`, so the status alone is enough (also after a restart).
 */
export function artifactOf(repo: KubeObject): Artifact | undefined {
  const a = (repo['status'] as { artifact?: Record<string, string | number | undefined> } | undefined)
    ?.artifact;
  if (!a || typeof a['path'] !== 'string' || typeof a['digest'] !== 'string') return undefined;
  const revision = String(a['revision'] ?? '');
  return {
    revision,
    commit: revision.replace(/^.*sha1:/, ''),
    digest: a['digest'],
    lastUpdateTime: String(a['lastUpdateTime'] ?? ''),
    size: Number(a['size'] ?? 0),
    path: a['path'],
    url: String(a['url'] ?? ''),
    owner: `gitrepository/${repo.metadata.namespace ?? ''}/${repo.metadata.name}`,
    ref: undefined,
    contentKey: '',
    fileCount: 0,
    metadata: undefined as unknown as Artifact['metadata'],
  };
}
