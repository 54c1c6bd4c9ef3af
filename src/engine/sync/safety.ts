/**
 * Checks that stop a sync before it does damage. They are pure: the caller passes what it knows.
 */
import { CapstanError, formatRef, type KubeObject } from '../../core/index.ts';

export class UnsafeSyncError extends CapstanError {
  constructor(message: string, code: string) {
    super(message, { code });
  }
}

/**
 * Git suddenly renders nothing while the app still has resources: refuse to prune them all unless
 * `allowEmpty` (Argo CD `autoSync`: "auto-sync will wipe out all resources"). A broken render or a
 * wrong path must not delete production.
 */
export function checkPruneAll(input: {
  app: string;
  desiredCount: number;
  pruneCount: number;
  prune: boolean;
  allowEmpty: boolean;
}): UnsafeSyncError | undefined {
  if (!input.prune || input.allowEmpty || input.desiredCount > 0 || input.pruneCount === 0) return undefined;
  return new UnsafeSyncError(
    `Application/${input.app}: auto-sync will wipe out all resources (${input.pruneCount}); set allowEmpty to allow it`,
    'EMPTY_DESIRED_STATE',
  );
}

/** Who manages a live object, as tracking reads it (`undefined` when nobody does). */
export type OwnerOf = (live: KubeObject) => string | undefined;

export interface SharedResource {
  object: KubeObject;
  owner: string;
  /** Argo CD's SharedResourceWarning text: `Secret/db is part of applications argocd/a and b`. */
  message: string;
}

/** Desired objects whose live copy another application manages. */
export function sharedResources(
  app: string,
  pairs: readonly { target: KubeObject | undefined; live: KubeObject | undefined }[],
  ownerOf: OwnerOf,
): SharedResource[] {
  const out: SharedResource[] = [];
  for (const { target, live } of pairs) {
    if (!target || !live) continue;
    const owner = ownerOf(live);
    if (owner === undefined || owner === app) continue;
    out.push({
      object: live,
      owner,
      message: `${live.kind}/${live.metadata.name ?? ''} is part of applications ${app} and ${owner}`,
    });
  }
  return out;
}

/** With `FailOnSharedResource=true` a shared resource fails the sync before anything is applied. */
export function checkSharedResources(shared: readonly SharedResource[]): UnsafeSyncError | undefined {
  const first = shared[0];
  if (!first) return undefined;
  return new UnsafeSyncError(
    `${formatRef(first.object)}: Shared resource found: ${shared.map((s) => s.message).join(', ')}`,
    'SHARED_RESOURCE',
  );
}
