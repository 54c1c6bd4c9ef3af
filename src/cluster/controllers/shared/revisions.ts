import type { KubeObject } from '../../../core/index.ts';
import type { ControllerContext } from '../loop/context.ts';
import { canonicalJson, hashRevisionData, normalizedTemplate } from './hash.ts';
import { CONTROLLER_REVISION } from './kinds.ts';
import { controllerRef } from './owner.ts';

export type Revision = KubeObject & { revision?: number; data?: unknown };

/**
 * The ControllerRevision data of a StatefulSet or DaemonSet: the pod template as a strategic
 * merge patch that replaces it (`{"spec":{"template":{…,"$patch":"replace"}}}`).
 */
export function revisionData(template: unknown): unknown {
  return { spec: { template: { ...(structuredClone(template) as object), $patch: 'replace' } } };
}

const sameData = (a: unknown, b: unknown): boolean => {
  const t = (d: unknown) => {
    const tpl = (d as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {};
    const { $patch: _p, ...rest } = tpl;
    return canonicalJson(normalizedTemplate(rest));
  };
  return t(a) === t(b);
};

/**
 * Finds or makes the revision of `owner`'s current template (`history.go`): an equal older
 * revision is renumbered to the newest, otherwise a new one `<name>-<hash>` is created with
 * the next number. Returns it with the owner's revisions, oldest first.
 */
export async function ensureRevision(
  ctx: ControllerContext,
  owner: KubeObject,
  template: unknown,
  matchLabels: Record<string, string>,
  manager: string,
  collisionCount?: number,
): Promise<{ update: Revision; revisions: Revision[] }> {
  const informer = ctx.informer<Revision>(CONTROLLER_REVISION);
  let revisions = informer
    .ownedBy(owner.metadata.uid)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid && o.controller));
  revisions.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const data = revisionData(template);
  const max = revisions.at(-1)?.revision ?? 0;
  const equal = revisions.find((r) => sameData(r.data, data));
  if (equal) {
    if ((equal.revision ?? 0) === max) return { update: equal, revisions };
    const copy = structuredClone(equal);
    copy.revision = max + 1;
    const updated = await ctx.update(copy, manager);
    revisions = [...revisions.filter((r) => r !== equal), updated];
    return { update: updated, revisions };
  }
  const hash = hashRevisionData(data, collisionCount);
  const created = await ctx.create<Revision>(
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${owner.metadata.name}-${hash}`,
        namespace: owner.metadata.namespace,
        labels: { ...matchLabels, 'controller.kubernetes.io/hash': hash },
        ownerReferences: [controllerRef(owner)],
      },
      data,
      revision: max + 1,
    },
    manager,
  );
  return { update: created, revisions: [...revisions, created] };
}

/** Deletes the oldest revisions beyond `limit` that no pod uses. */
export async function pruneRevisions(
  ctx: ControllerContext,
  revisions: Revision[],
  keep: Set<string>,
  limit: number,
  manager: string,
): Promise<void> {
  const removable = revisions.filter((r) => !keep.has(r.metadata.name ?? ''));
  const extra = removable.length - limit;
  for (const r of removable.slice(0, Math.max(0, extra))) {
    await ctx.remove(
      CONTROLLER_REVISION,
      { namespace: r.metadata.namespace ?? '', name: r.metadata.name ?? '' },
      { fieldManager: manager },
    );
  }
}
