import type { KubeObject } from '../../../core/index.ts';
import { ApiError } from '../../errors.ts';
import type { ControllerContext } from '../loop/context.ts';
import type { ReconcileResult } from '../loop/queue.ts';
import { computeHash } from '../shared/hash.ts';
import { POD, REPLICASET } from '../shared/kinds.ts';
import { isTerminal } from '../shared/pods.ts';
import { controllerRef } from '../shared/owner.ts';
import {
  FAILED_RS_CREATE,
  FOUND_NEW_RS,
  getCondition,
  hasProgressDeadline,
  isComplete,
  isProgressing,
  isTimedOut,
  NEW_RS_AVAILABLE,
  NEW_RS_CREATED,
  newCondition,
  PAUSED,
  removeCondition,
  RESUMED,
  RS_UPDATED,
  setCondition,
  TIMED_OUT,
  untilDeadline,
} from './conditions.ts';
import { maxSurge, maxUnavailable } from './fenceposts.ts';
import {
  activeReplicaSets,
  byCreation,
  findNewReplicaSet,
  maxRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumReplicas,
  sumStatus,
} from './replica-sets.ts';
import {
  DESIRED_REPLICAS,
  HASH_LABEL,
  REVISION,
  revisionOf,
  type Deployment,
  type DeploymentStatus,
  type ReplicaSet,
} from './types.ts';

export const MANAGER = 'deployment-controller';

/**
 * One sync of one Deployment, following kube-controller-manager's deployment controller
 * (`sync.go`, `rolling.go`, `recreate.go`, `progress.go`): `d` is the Deployment with defaults
 * applied (what the controller reads), `stored` the object as stored (what it writes back).
 */
export class DeploymentSync {
  readonly #ctx: ControllerContext;
  stored: KubeObject;
  d: Deployment;
  rsList: ReplicaSet[];
  #requeue: number | undefined;

  constructor(ctx: ControllerContext, stored: KubeObject, d: Deployment, rsList: ReplicaSet[]) {
    this.#ctx = ctx;
    this.stored = stored;
    this.d = d;
    this.rsList = rsList;
  }

  async run(): Promise<ReconcileResult> {
    const d = this.d;
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = await this.allReplicaSets(false);
      await this.syncStatus([...oldRSs, newRS], newRS);
    } else {
      await this.checkPausedConditions();
      if (d.spec.paused || this.isScalingEvent()) await this.sync();
      else if (d.spec.strategy.type === 'Recreate') await this.rolloutRecreate();
      else await this.rolloutRolling();
    }
    return this.#requeue !== undefined ? { requeueAfterMs: this.#requeue } : undefined;
  }

  // --- replica sets and revisions ---

  async allReplicaSets(create: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const existing = findNewReplicaSet(this.d, this.rsList);
    const oldRSs = this.rsList.filter((rs) => rs !== existing);
    const newRS = await this.newReplicaSet(existing, oldRSs, create);
    return { newRS, oldRSs };
  }

  async newReplicaSet(
    existing: ReplicaSet | undefined,
    oldRSs: ReplicaSet[],
    create: boolean,
  ): Promise<ReplicaSet | undefined> {
    const d = this.d;
    const newRevision = maxRevision(oldRSs) + 1;
    const now = this.#ctx.now();
    if (existing) {
      const copy = structuredClone(existing);
      const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, true, maxSurge(d));
      if (annotated || (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
        return this.#replace(await this.#ctx.update(copy, MANAGER));
      }
      await this.setRevision(copy.metadata.annotations?.[REVISION] ?? String(newRevision));
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        const status = this.#status();
        setCondition(
          status,
          newCondition(
            'Progressing',
            'True',
            FOUND_NEW_RS,
            `Found new replica set "${copy.metadata.name}"`,
            now,
          ),
        );
        await this.#writeStatus(status);
      }
      return existing;
    }
    if (!create) return undefined;
    const collisions = d.status?.collisionCount;
    const hash = computeHash(d.spec.template, collisions);
    const template = structuredClone(d.spec.template ?? {});
    const stored = this.stored as Deployment;
    const storedTemplate = structuredClone(stored.spec?.template ?? template);
    storedTemplate.metadata = {
      ...storedTemplate.metadata,
      labels: { ...storedTemplate.metadata?.labels, [HASH_LABEL]: hash },
    };
    const selector = structuredClone(d.spec.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata?.labels, [HASH_LABEL]: hash },
        ownerReferences: [controllerRef(this.stored)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template: storedTemplate },
    };
    rs.spec.replicas = this.newReplicas([...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false, maxSurge(d));
    let created: ReplicaSet;
    let already = false;
    try {
      created = await this.#ctx.create<ReplicaSet>(rs, MANAGER);
    } catch (err) {
      if (err instanceof ApiError && err.httpCode === 409) {
        const found = this.#ctx
          .informer<ReplicaSet>(REPLICASET)
          .get(rs.metadata.namespace, rs.metadata.name ?? '');
        if (found && found.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller)) {
          created = found;
          already = true;
        } else {
          // A hash collision: bump collisionCount and try again with a new name.
          const status = this.#status();
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          await this.#writeStatus(status);
          throw err;
        }
      } else if (err instanceof ApiError) {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${err.message}`;
        if (hasProgressDeadline(d)) {
          const status = this.#status();
          setCondition(status, newCondition('Progressing', 'False', FAILED_RS_CREATE, msg, now));
          await this.#writeStatus(status).catch(() => {});
        }
        this.#ctx.event(this.stored, 'Warning', FAILED_RS_CREATE, msg, MANAGER);
        throw err;
      } else throw err;
    }
    this.rsList = [...this.rsList.filter((x) => x.metadata.name !== created.metadata.name), created];
    if (!already && created.spec.replicas > 0)
      this.#ctx.event(
        this.stored,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`,
        MANAGER,
      );
    await this.setRevision(String(newRevision));
    if (!already && hasProgressDeadline(d)) {
      const status = this.#status();
      setCondition(
        status,
        newCondition(
          'Progressing',
          'True',
          NEW_RS_CREATED,
          `Created new replica set "${created.metadata.name}"`,
          now,
        ),
      );
      await this.#writeStatus(status);
    }
    return created;
  }

  /** The Deployment's revision annotation (a metadata write, which `kubectl rollout history` reads). */
  async setRevision(revision: string): Promise<void> {
    if (this.stored.metadata.annotations?.[REVISION] === revision) return;
    const copy = structuredClone(this.stored);
    copy.metadata.annotations = { ...copy.metadata.annotations, [REVISION]: revision };
    this.#adopt(await this.#ctx.update(copy, MANAGER));
  }

  /** `NewRSNewReplicas`: how far the new ReplicaSet may grow now. */
  newReplicas(all: ReplicaSet[], newRS: ReplicaSet): number {
    const d = this.d;
    if (d.spec.strategy.type === 'Recreate') return d.spec.replicas;
    const current = sumReplicas(all);
    const maxTotal = d.spec.replicas + maxSurge(d);
    if (current >= maxTotal) return newRS.spec.replicas;
    const up = Math.min(maxTotal - current, Math.max(0, d.spec.replicas - newRS.spec.replicas));
    return newRS.spec.replicas + up;
  }

  // --- scaling (sync.go) ---

  isScalingEvent(): boolean {
    const existing = findNewReplicaSet(this.d, this.rsList);
    return activeReplicaSets([...this.rsList.filter((r) => r !== existing), existing]).some((rs) => {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
      return desired !== undefined && Number(desired) !== this.d.spec.replicas;
    });
  }

  async sync(): Promise<void> {
    const { newRS, oldRSs } = await this.allReplicaSets(false);
    await this.scale(newRS, oldRSs);
    if (this.d.spec.paused) await this.cleanup(oldRSs);
    await this.syncStatus([...oldRSs, newRS], newRS);
  }

  async scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const d = this.d;
    const active = activeReplicaSets([newRS, ...oldRSs]);
    const activeOrLatest =
      active.length === 1
        ? active[0]
        : active.length === 0
          ? (newRS ?? [...oldRSs].sort(byCreation).at(-1))
          : undefined;
    if (activeOrLatest) {
      if (activeOrLatest.spec.replicas !== d.spec.replicas)
        await this.scaleReplicaSet(activeOrLatest, d.spec.replicas);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scaleReplicaSet(old, 0);
      return;
    }
    if (d.spec.strategy.type === 'Recreate') return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const current = sumReplicas(all);
    const allowed = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
    const toAdd = allowed - current;
    const sorted = [...all].sort((a, b) => {
      if (a.spec.replicas !== b.spec.replicas) return b.spec.replicas - a.spec.replicas;
      return toAdd > 0 ? -byCreation(a, b) : byCreation(a, b);
    });
    const sizes = new Map<ReplicaSet, number>();
    let added = 0;
    for (const rs of sorted) {
      if (toAdd === 0) {
        sizes.set(rs, rs.spec.replicas);
        continue;
      }
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, rs.spec.replicas + p);
      added += p;
    }
    for (const [i, rs] of sorted.entries()) {
      let size = sizes.get(rs)!;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      await this.scaleReplicaSet(rs, size, toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : undefined);
    }
  }

  async scaleReplicaSet(rs: ReplicaSet, size: number, direction?: 'up' | 'down'): Promise<ReplicaSet> {
    const d = this.d;
    const sizeChanges = rs.spec.replicas !== size;
    const copy = structuredClone(rs);
    const annotated = setReplicasAnnotations(copy, d.spec.replicas, d.spec.replicas + maxSurge(d));
    if (!sizeChanges && !annotated) return rs;
    const from = rs.spec.replicas;
    copy.spec.replicas = size;
    const out = this.#replace(await this.#ctx.update<ReplicaSet>(copy, MANAGER));
    if (sizeChanges) {
      const op = direction ?? (from < size ? 'up' : 'down');
      this.#ctx.event(
        this.stored,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${op} replica set ${rs.metadata.name} to ${size} from ${from}`,
        MANAGER,
      );
    }
    return out;
  }

  /** Deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest revision first. */
  async cleanup(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of sorted.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || rs.spec.replicas !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      await this.#ctx.remove(
        REPLICASET,
        { namespace: rs.metadata.namespace ?? '', name: rs.metadata.name ?? '' },
        { fieldManager: MANAGER },
      );
    }
  }

  // --- rollouts ---

  async rolloutRolling(): Promise<void> {
    const { newRS, oldRSs } = await this.allReplicaSets(true);
    const all = (): ReplicaSet[] => [...this.#fresh(oldRSs), ...(newRS ? this.#fresh([newRS]) : [])];
    let current = newRS ? this.#fresh([newRS])[0] : undefined;
    if (current && current.spec.replicas !== this.d.spec.replicas) {
      const size =
        current.spec.replicas > this.d.spec.replicas
          ? this.d.spec.replicas
          : this.newReplicas(all(), current);
      if (size !== current.spec.replicas) {
        current = await this.scaleReplicaSet(current, size);
        return this.syncRolloutStatus(all(), current);
      }
    }
    if (await this.reconcileOld(this.#fresh(oldRSs), current)) return this.syncRolloutStatus(all(), current);
    if (isComplete(this.d, this.d.status ?? {})) await this.cleanup(this.#fresh(oldRSs));
    return this.syncRolloutStatus(all(), current);
  }

  /** `reconcileOldReplicaSets`: scale old ReplicaSets down as far as maxUnavailable allows. */
  async reconcileOld(oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<boolean> {
    const d = this.d;
    if (sumReplicas(oldRSs) === 0) return false;
    const allCount = sumReplicas([...oldRSs, newRS]);
    const minAvailable = d.spec.replicas - maxUnavailable(d);
    const newUnavailable = (newRS?.spec.replicas ?? 0) - (newRS?.status?.availableReplicas ?? 0);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let cleaned = 0;
    const olds = [...oldRSs].sort(byCreation);
    for (const [i, rs] of olds.entries()) {
      if (cleaned >= maxScaledDown) break;
      if (rs.spec.replicas === 0) continue;
      const unhealthy = rs.spec.replicas - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      olds[i] = await this.scaleReplicaSet(rs, rs.spec.replicas - down);
      cleaned += down;
    }
    const available = sumStatus([...olds, newRS], 'availableReplicas');
    let scaled = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of olds) {
        if (scaled >= total) break;
        if (rs.spec.replicas === 0) continue;
        const down = Math.min(rs.spec.replicas, total - scaled);
        await this.scaleReplicaSet(rs, rs.spec.replicas - down);
        scaled += down;
      }
    }
    return cleaned + scaled > 0;
  }

  async rolloutRecreate(): Promise<void> {
    let { newRS, oldRSs } = await this.allReplicaSets(false);
    let scaledDown = false;
    for (const rs of activeReplicaSets(oldRSs)) {
      await this.scaleReplicaSet(rs, 0);
      scaledDown = true;
    }
    const all = () => [...this.#fresh(oldRSs), ...(newRS ? this.#fresh([newRS]) : [])];
    if (scaledDown) return this.syncRolloutStatus(all(), newRS);
    // Old pods must be gone (or finished), terminating ones included, before new ones start.
    const pods = this.#ctx.informer(POD);
    if (oldRSs.some((rs) => pods.ownedBy(rs.metadata.uid).some((p) => !isTerminal(p))))
      return this.syncRolloutStatus(all(), newRS);
    if (!newRS) ({ newRS, oldRSs } = await this.allReplicaSets(true));
    if (newRS && newRS.spec.replicas !== this.d.spec.replicas)
      newRS = await this.scaleReplicaSet(newRS, this.d.spec.replicas);
    if (isComplete(this.d, this.d.status ?? {})) await this.cleanup(this.#fresh(oldRSs));
    return this.syncRolloutStatus(all(), newRS);
  }

  // --- status (sync.go calculateStatus, progress.go) ---

  calculateStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
    const d = this.d;
    const available = sumStatus(all, 'availableReplicas');
    const total = sumReplicas(all);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sumStatus(all, 'replicas'),
      updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
      readyReplicas: sumStatus(all, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      ...(d.status?.conditions ? { conditions: structuredClone(d.status.conditions) } : {}),
      ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    };
    const now = this.#ctx.now();
    if (available >= d.spec.replicas - maxUnavailable(d))
      setCondition(
        status,
        newCondition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          now,
        ),
      );
    else
      setCondition(
        status,
        newCondition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          now,
        ),
      );
    return status;
  }

  async syncStatus(all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<void> {
    const status = this.calculateStatus(
      all.filter((r): r is ReplicaSet => r !== undefined),
      newRS,
    );
    await this.#writeStatus(status);
  }

  async syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
    const d = this.d;
    const now = this.#ctx.now();
    const status = this.calculateStatus(all, newRS);
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
    const current = getCondition(status, 'Progressing');
    const complete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
    if (hasProgressDeadline(d) && !complete) {
      const name = newRS?.metadata.name;
      if (isComplete(d, status)) {
        if (name)
          setCondition(
            status,
            newCondition(
              'Progressing',
              'True',
              NEW_RS_AVAILABLE,
              `ReplicaSet "${name}" has successfully progressed.`,
              now,
            ),
          );
      } else if (isProgressing(d, status)) {
        if (name) {
          const c = newCondition(
            'Progressing',
            'True',
            RS_UPDATED,
            `ReplicaSet "${name}" is progressing.`,
            now,
          );
          if (current?.status === 'True' && current.lastTransitionTime)
            c.lastTransitionTime = current.lastTransitionTime;
          removeCondition(status, 'Progressing');
          setCondition(status, c);
        }
      } else if (isTimedOut(d, status, now)) {
        const msg = name
          ? `ReplicaSet "${name}" has timed out progressing.`
          : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, msg, now));
      }
    }
    // ReplicaFailure from the ReplicaSets surfaces on the Deployment.
    const failure = all.flatMap((rs) => rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
    if (failure) setCondition(status, { ...failure });
    else if (getCondition(status, 'ReplicaFailure')) removeCondition(status, 'ReplicaFailure');
    await this.#writeStatus(status);
    const wait = untilDeadline(d, status, now);
    if (wait !== undefined) this.#requeue = wait;
  }

  async checkPausedConditions(): Promise<void> {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const c = getCondition(d.status, 'Progressing');
    if (c?.reason === TIMED_OUT) return;
    const pausedExists = c?.reason === PAUSED;
    const now = this.#ctx.now();
    const status = this.#status();
    if (d.spec.paused && !pausedExists)
      setCondition(status, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', now));
    else if (!d.spec.paused && pausedExists)
      setCondition(status, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', now));
    else return;
    await this.#writeStatus(status);
  }

  // --- bookkeeping ---

  #status(): DeploymentStatus {
    return structuredClone(this.d.status ?? {});
  }

  async #writeStatus(status: DeploymentStatus): Promise<void> {
    const clean = compact(status);
    if (JSON.stringify(clean) === JSON.stringify(compact(this.d.status ?? {}))) return;
    const copy = structuredClone(this.stored);
    copy.status = clean;
    this.#adopt(await this.#ctx.updateStatus(copy, MANAGER));
  }

  #adopt(updated: KubeObject): void {
    this.stored = updated;
    this.d = {
      ...this.d,
      metadata: updated.metadata,
      status: structuredClone(updated.status ?? {}),
    };
  }

  #replace(rs: ReplicaSet): ReplicaSet {
    const withReplicas = structuredClone(rs);
    withReplicas.spec.replicas ??= 1;
    this.rsList = [...this.rsList.filter((x) => x.metadata.uid !== rs.metadata.uid), withReplicas];
    return withReplicas;
  }

  /** The latest version of each ReplicaSet this sync has seen (after its own writes). */
  #fresh(list: ReplicaSet[]): ReplicaSet[] {
    return list.map((rs) => this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs);
  }
}

/** `IsSaturated`: the new ReplicaSet has all the Deployment's replicas, and they are available. */
function isSaturated(d: Deployment, rs: ReplicaSet): boolean {
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  return (
    rs.spec.replicas === d.spec.replicas &&
    desired === d.spec.replicas &&
    (rs.status?.availableReplicas ?? 0) === d.spec.replicas
  );
}

/** `GetProportion`: a ReplicaSet's share of replicas to add or remove during a proportional scale. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rs.spec.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicasFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicasFraction(rs: ReplicaSet, d: Deployment): number {
  if (d.spec.replicas === 0) return -rs.spec.replicas;
  const deploymentReplicas = d.spec.replicas + maxSurge(d);
  const annotated = Number(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']);
  if (!Number.isFinite(annotated) || annotated === 0) return 0;
  const newSize = Math.round((rs.spec.replicas * deploymentReplicas) / annotated);
  return newSize - rs.spec.replicas;
}

/** Go's `omitempty` for the integer fields of DeploymentStatus. */
function compact(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}
