import type { KubeObject } from '../../../core/index.ts';
import { ApiError } from '../../errors.ts';
import type { ControllerContext } from '../loop/context.ts';
import type { ReconcileResult } from '../loop/queue.ts';
import { computeHash } from '../shared/hash.ts';
import { REPLICASET } from '../shared/kinds.ts';
import { controllerRef } from '../shared/owner.ts';
import {
  FAILED_RS_CREATE,
  FOUND_NEW_RS,
  getCondition,
  hasProgressDeadline,
  NEW_RS_CREATED,
  newCondition,
  setCondition,
} from './conditions.ts';
import { maxSurge } from './fenceposts.ts';
import {
  activeReplicaSets,
  byCreation,
  findNewReplicaSet,
  maxRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumReplicas,
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
import { rolloutRecreate, rolloutRolling } from './rollout.ts';
import { syncScale } from './scale.ts';
import { checkPausedConditions, compact, syncStatus } from './status.ts';

export const MANAGER = 'deployment-controller';

/**
 * One sync of one Deployment, following kube-controller-manager's deployment controller
 * (`sync.go`, `rolling.go`, `recreate.go`, `progress.go`): `d` is the Deployment with defaults
 * applied (what the controller reads), `stored` the object as stored (what it writes back).
 */
export class DeploymentSync {
  readonly ctx: ControllerContext;
  stored: KubeObject;
  d: Deployment;
  rsList: ReplicaSet[];
  /** Set by a step that wants the Deployment looked at again later (ms). */
  requeue: number | undefined;

  constructor(ctx: ControllerContext, stored: KubeObject, d: Deployment, rsList: ReplicaSet[]) {
    this.ctx = ctx;
    this.stored = stored;
    this.d = d;
    this.rsList = rsList;
  }

  async run(): Promise<ReconcileResult> {
    const d = this.d;
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = await this.allReplicaSets(false);
      await syncStatus(this, [...oldRSs, newRS], newRS);
    } else {
      await checkPausedConditions(this);
      if (d.spec.paused || this.isScalingEvent()) await syncScale(this);
      else if (d.spec.strategy.type === 'Recreate') await rolloutRecreate(this);
      else await rolloutRolling(this);
    }
    return this.requeue !== undefined ? { requeueAfterMs: this.requeue } : undefined;
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
    const now = this.ctx.now();
    if (existing) {
      const copy = structuredClone(existing);
      const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, true, maxSurge(d));
      if (annotated || (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
        return this.#replace(await this.ctx.update(copy, MANAGER));
      }
      await this.setRevision(copy.metadata.annotations?.[REVISION] ?? String(newRevision));
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        const status = this.statusCopy();
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
        await this.writeStatus(status);
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
      created = await this.ctx.create<ReplicaSet>(rs, MANAGER);
    } catch (err) {
      if (err instanceof ApiError && err.httpCode === 409) {
        const found = this.ctx
          .informer<ReplicaSet>(REPLICASET)
          .get(rs.metadata.namespace, rs.metadata.name ?? '');
        if (found && found.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller)) {
          created = found;
          already = true;
        } else {
          // A hash collision: bump collisionCount and try again with a new name.
          const status = this.statusCopy();
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          await this.writeStatus(status);
          throw err;
        }
      } else if (err instanceof ApiError) {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${err.message}`;
        if (hasProgressDeadline(d)) {
          const status = this.statusCopy();
          setCondition(status, newCondition('Progressing', 'False', FAILED_RS_CREATE, msg, now));
          await this.writeStatus(status).catch(() => {});
        }
        this.ctx.event(this.stored, 'Warning', FAILED_RS_CREATE, msg, MANAGER);
        throw err;
      } else throw err;
    }
    this.rsList = [...this.rsList.filter((x) => x.metadata.name !== created.metadata.name), created];
    if (!already && created.spec.replicas > 0)
      this.ctx.event(
        this.stored,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`,
        MANAGER,
      );
    await this.setRevision(String(newRevision));
    if (!already && hasProgressDeadline(d)) {
      const status = this.statusCopy();
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
      await this.writeStatus(status);
    }
    return created;
  }

  /** The Deployment's revision annotation (a metadata write, which `kubectl rollout history` reads). */
  async setRevision(revision: string): Promise<void> {
    if (this.stored.metadata.annotations?.[REVISION] === revision) return;
    const copy = structuredClone(this.stored);
    copy.metadata.annotations = { ...copy.metadata.annotations, [REVISION]: revision };
    this.#adopt(await this.ctx.update(copy, MANAGER));
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

  async scaleReplicaSet(rs: ReplicaSet, size: number, direction?: 'up' | 'down'): Promise<ReplicaSet> {
    const d = this.d;
    const sizeChanges = rs.spec.replicas !== size;
    const copy = structuredClone(rs);
    const annotated = setReplicasAnnotations(copy, d.spec.replicas, d.spec.replicas + maxSurge(d));
    if (!sizeChanges && !annotated) return rs;
    const from = rs.spec.replicas;
    copy.spec.replicas = size;
    const out = this.#replace(await this.ctx.update<ReplicaSet>(copy, MANAGER));
    if (sizeChanges) {
      const op = direction ?? (from < size ? 'up' : 'down');
      this.ctx.event(
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
      await this.ctx.remove(
        REPLICASET,
        { namespace: rs.metadata.namespace ?? '', name: rs.metadata.name ?? '' },
        { fieldManager: MANAGER },
      );
    }
  }

  // --- bookkeeping ---

  /** A copy of the status as last read or written, to change and write. */
  statusCopy(): DeploymentStatus {
    return structuredClone(this.d.status ?? {});
  }

  /** Writes the status when it differs from the stored one. */
  async writeStatus(status: DeploymentStatus): Promise<void> {
    const clean = compact(status);
    if (JSON.stringify(clean) === JSON.stringify(compact(this.d.status ?? {}))) return;
    const copy = structuredClone(this.stored);
    copy.status = clean;
    this.#adopt(await this.ctx.updateStatus(copy, MANAGER));
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
  fresh(list: ReplicaSet[]): ReplicaSet[] {
    return list.map((rs) => this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs);
  }
}
