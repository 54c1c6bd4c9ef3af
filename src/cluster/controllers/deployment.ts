import type { KubeObject } from '../../core/index.ts';
import { DeploymentSync, MANAGER } from './deployment/sync.ts';
import { claim } from './shared/adoption.ts';
import { selectorMatches } from './shared/selector.ts';
import type { Deployment, ReplicaSet } from './deployment/types.ts';
import type { ControllerContext } from './loop/context.ts';
import { withDefaults } from './shared/defaults.ts';
import { DEPLOYMENT, POD, REPLICASET } from './shared/kinds.ts';
import { controllerOf } from './shared/owner.ts';

/**
 * The Deployment controller: a ReplicaSet per pod-template revision (`<name>-<pod-template-hash>`,
 * `deployment.kubernetes.io/revision`), rolling updates within maxSurge/maxUnavailable,
 * Recreate, proportional scaling, pause, revisionHistoryLimit, and the status and conditions
 * (`Progressing`, `Available`) that `kubectl rollout status` and health checks read.
 * The algorithm is in `deployment/sync.ts`.
 */
export function startDeploymentController(ctx: ControllerContext): void {
  const deployments = ctx.informer(DEPLOYMENT);
  const sets = ctx.informer<ReplicaSet>(REPLICASET);
  const queue = ctx.queue('deployment', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const stored = deployments.get(ns, name);
    if (!stored) return;
    const d = withDefaults(stored) as Deployment;
    const candidates = [
      ...sets.ownedBy(stored.metadata.uid),
      ...sets.list(ns).filter((rs) => !controllerOf(rs)),
    ];
    const claimed = await claim(ctx, stored, d.spec.selector, [...new Set(candidates)], MANAGER);
    const rsList = (claimed as ReplicaSet[]).map((rs) => {
      const copy = structuredClone(rs);
      copy.spec.replicas ??= 1;
      return copy;
    });
    return new DeploymentSync(ctx, stored, d, rsList).run();
  });
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (rs: KubeObject) => {
    const ref = controllerOf(rs);
    if (ref?.kind === 'Deployment') queue.add(`${rs.metadata.namespace}/${ref.name}`);
    // An orphaned ReplicaSet may be adopted by a Deployment that selects it.
    else if (!ref)
      for (const d of deployments.list(rs.metadata.namespace ?? ''))
        if (selectorMatches((d.spec as Deployment['spec']).selector, rs.metadata.labels)) enqueue(d);
  };
  deployments.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  sets.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });
  // Recreate waits for the old pods to be gone: a pod's deletion looks through its ReplicaSet.
  ctx.informer(POD).on({
    deleted: (p) => {
      const ref = controllerOf(p);
      const rs = ref?.kind === 'ReplicaSet' ? sets.get(p.metadata.namespace, ref.name) : undefined;
      if (rs) enqueueOwner(rs);
    },
  });
}
