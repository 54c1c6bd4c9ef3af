/**
 * kustomize-controller's reconcile (`Reconcile` → `reconcile`), in Flux's order: source, then
 * dependencies, build (generated kustomization, overlay fields, post-build substitution), staged
 * server-side apply under the field manager `kustomize-controller`, prune by inventory, health
 * checks, then status and Events. A failure leaves what was applied before in place.
 */
import {
  CapstanError,
  TerminalError,
  errorMessage,
  formatRef,
  type KubeObject,
  type Logger,
} from '../../../core/index.ts';
import {
  applyStaged,
  compileHealthCheckExprs,
  fluxTracker,
  inventoryFromChangeSet,
  inventoryObjects,
  parseDuration,
  pruneInventory,
  waitForSet,
  type ClusterCache,
  type FluxHealthChecks,
  type Inventory,
} from '../../../engine/index.ts';
import type { KubeClient } from '../../../kube/index.ts';
import {
  finalizeFluxStatus,
  fluxConditionTypes,
  fluxInterval,
  fluxReasons,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
  removeCondition,
  type EventRecorder,
  type Reconciler,
  type Result,
} from '../../index.ts';
import type { Kustomization } from '../api/kustomize/kustomization.ts';
import { kustomizationToInternal } from '../api/kustomize/kustomization-convert.ts';
import { artifactOf, gitRepositoryApiVersion } from '../source/artifacts.ts';
import { patchStatus } from '../status.ts';
import type { AppliedSets } from './applied-set.ts';
import type { ArtifactTrees } from '../../index.ts';
import { buildManifests } from './build.ts';
import {
  checkDependencies,
  checkServiceAccount,
  InputError,
  kustomizationApiVersion,
  substitutionOf,
} from './inputs.ts';

export interface KustomizationReconcilerOptions {
  client: KubeClient;
  cache: ClusterCache;
  trees: ArtifactTrees;
  applied: AppliedSets;
  events: EventRecorder;
  logger: Logger;
  jitterPercent: number;
  dependencyRequeueMs: number;
  healthPollMs: number;
}

/** A failed step: Ready=False with `reason`, requeued after `requeueMs` (no backoff, as Flux). */
class StepFailure extends CapstanError {
  readonly reason: string;
  readonly requeueMs: number | undefined;
  constructor(reason: string, message: string, requeueMs?: number, cause?: unknown) {
    super(message, { code: 'KUSTOMIZATION_FAILED', cause });
    this.reason = reason;
    this.requeueMs = requeueMs;
  }
}

/** `GetTimeout`: spec.timeout, else interval − 30 s; never under 30 s. */
export function timeoutOf(spec: Kustomization['spec'], intervalMs: number): number {
  const ms = spec.timeout ? parseDuration(spec.timeout) : intervalMs - 30_000;
  return Math.max(ms, 30_000);
}

function formatGoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}s`;
}

export function kustomizationReconciler(o: KustomizationReconcilerOptions): Reconciler {
  return {
    async reconcile(request, ctx) {
      const obj = await o.client.get(
        { apiVersion: kustomizationApiVersion, kind: 'Kustomization', ...request },
        { signal: ctx.signal },
      );
      if (!obj) return {};
      if (obj.metadata.deletionTimestamp) return finalize(obj, o, ctx.signal);
      if (!obj.metadata.finalizers?.includes(fluxFinalizer)) {
        await o.client.patch(
          keyOfKustomization(obj),
          {
            type: 'merge',
            body: { metadata: { finalizers: [...(obj.metadata.finalizers ?? []), fluxFinalizer] } },
          },
          { signal: ctx.signal },
        );
      }
      return reconcileKustomization(obj, o, ctx.signal);
    },
  };
}

async function reconcileKustomization(
  obj: KubeObject,
  o: KustomizationReconcilerOptions,
  signal: AbortSignal,
): Promise<Result> {
  let ks: Kustomization;
  let intervalMs: number;
  let retryMs: number;
  let timeoutMs: number;
  let cel: FluxHealthChecks | undefined;
  try {
    ks = kustomizationToInternal(obj);
    intervalMs = parseDuration(ks.spec.interval);
    retryMs = ks.spec.retryInterval ? parseDuration(ks.spec.retryInterval) : intervalMs;
    timeoutMs = timeoutOf(ks.spec, intervalMs);
  } catch (err) {
    return stall(obj, o, 'InvalidSpec', errorMessage(err), signal);
  }
  if (ks.spec.suspend) return {};
  try {
    cel = ks.spec.healthCheckExprs?.length
      ? compileHealthCheckExprs(ks.spec.healthCheckExprs.map((e) => ({ ...e, kind: e.kind ?? '' })))
      : undefined;
  } catch (err) {
    return stall(obj, o, fluxReasons.invalidCELExpression, errorMessage(err), signal);
  }
  const ns = obj.metadata.namespace ?? 'default';
  const owner = { tracker: fluxTracker(), name: `${ns}/${obj.metadata.name}` };
  const status = (obj['status'] ??= {}) as Record<string, unknown>;
  const previousInventory = status['inventory'] as Inventory | undefined;
  const healthChecked = ks.spec.wait === true || (ks.spec.healthChecks?.length ?? 0) > 0;
  try {
    const ref = ks.spec.sourceRef;
    const sourceNs = ref.namespace ?? ns;
    if (ref.kind !== 'GitRepository') {
      throw new StepFailure(
        fluxReasons.artifactFailed,
        `source kind '${ref.kind}' is not yet supported by Capstan`,
        retryMs,
      );
    }
    const source = await o.client.get(
      { apiVersion: gitRepositoryApiVersion, kind: 'GitRepository', namespace: sourceNs, name: ref.name },
      { signal },
    );
    if (!source) {
      throw new StepFailure(
        fluxReasons.artifactFailed,
        `Source '${ref.kind}/${sourceNs}/${ref.name}' not found`,
        retryMs,
      );
    }
    const artifact = artifactOf(source);
    if (!artifact) {
      throw new StepFailure(
        fluxReasons.artifactFailed,
        'Source is not ready, artifact not found',
        o.dependencyRequeueMs,
      );
    }
    const revision = artifact.revision;
    try {
      await checkDependencies(o.client, ks, revision, signal);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const message = `dependencies do not meet ready condition (${err.message}), retrying in ${formatGoDuration(o.dependencyRequeueMs)}`;
      throw new StepFailure(fluxReasons.dependencyNotReady, message, o.dependencyRequeueMs);
    }
    status['lastAttemptedRevision'] = revision;
    markReconciling(
      obj,
      fluxReasons.progressing,
      `Fetching manifests for revision ${revision} with a timeout of ${formatGoDuration(timeoutMs)}`,
    );
    markUnknown(obj, fluxConditionTypes.ready, fluxReasons.progressing, 'Reconciliation in progress');
    await patchStatus(o.client, obj, signal);

    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    let objects: KubeObject[];
    try {
      await checkServiceAccount(o.client, ks, signal);
      const vars = await substitutionOf(o.client, ks, signal);
      objects = await o.trees.with(artifact, deadline, (tree) =>
        buildManifests(tree, ks.spec, vars, deadline),
      );
    } catch (err) {
      if (signal.aborted) throw err;
      const reason =
        err instanceof InputError
          ? err.reason
          : (err as CapstanError).code === 'ARTIFACT_PATH'
            ? fluxReasons.artifactFailed
            : fluxReasons.buildFailed;
      throw new StepFailure(reason, errorMessage(err), retryMs, err);
    }
    const encrypted = objects.find((x) => x['sops'] !== undefined);
    if (encrypted) {
      throw new StepFailure(
        'DecryptionFailed',
        `${formatRef(encrypted)}: SOPS-encrypted manifests are not yet supported by Capstan (decryption provider '${ks.spec.decryption?.provider ?? 'none'}')`,
        retryMs,
      );
    }

    const applied = await applyStaged(objects, {
      signal: deadline,
      client: o.client,
      reader: o.cache.reader(),
      owner,
      force: ks.spec.force === true,
      timeoutMs,
      pollIntervalMs: o.healthPollMs,
      cel,
    });
    if (applied.error) {
      // What was applied before the failure joins the inventory, so it can be pruned later.
      status['inventory'] = mergeInventories(previousInventory, inventoryFromChangeSet(applied.changeSet));
      throw new StepFailure(fluxReasons.reconciliationFailed, applied.error.message, retryMs, applied.error);
    }
    o.applied.set(owner.name, objects);
    const current = inventoryFromChangeSet(applied.changeSet);
    let inventory = current;
    let pruned: string[] = [];
    if (ks.spec.prune) {
      const result = await pruneInventory(previousInventory, current, {
        signal: deadline,
        client: o.client,
        owner,
      });
      inventory = result.inventory;
      pruned = result.changeSet.entries
        .filter((e) => e.action === 'pruned')
        .map((e) => `${e.subject} deleted`);
      const failed = result.changeSet.entries.filter((e) => e.action === 'failed');
      status['inventory'] = inventory;
      if (failed.length > 0) {
        throw new StepFailure(fluxReasons.pruneFailed, failed.map((e) => e.message).join('\n'), retryMs);
      }
    }
    status['inventory'] = inventory;

    if (healthChecked) {
      const targets = ks.spec.wait
        ? inventoryObjects(current)
        : (ks.spec.healthChecks ?? []).map((h) => ({
            apiVersion: h.apiVersion ?? 'v1',
            kind: h.kind,
            metadata: { name: h.name, namespace: h.namespace ?? ns },
          }));
      const message = `Running health checks for revision ${revision} with a timeout of ${formatGoDuration(timeoutMs)}`;
      markReconciling(obj, fluxReasons.progressing, message);
      markUnknown(obj, fluxConditionTypes.healthy, fluxReasons.progressing, message);
      await patchStatus(o.client, obj, signal);
      const started = Date.now();
      try {
        await waitForSet(
          targets.filter(
            (t) =>
              !(
                t.kind === 'Kustomization' &&
                t.metadata.name === obj.metadata.name &&
                t.metadata.namespace === ns
              ),
          ),
          { signal, reader: o.cache.reader(), timeoutMs, pollIntervalMs: o.healthPollMs, cel },
        );
      } catch (err) {
        if (signal.aborted) throw err;
        const text = `health check failed after ${formatGoDuration(Date.now() - started)}: ${errorMessage(err)}`;
        markFalse(obj, fluxConditionTypes.healthy, fluxReasons.healthCheckFailed, text);
        throw new StepFailure(fluxReasons.healthCheckFailed, text, retryMs, err);
      }
      markTrue(
        obj,
        fluxConditionTypes.healthy,
        fluxReasons.succeeded,
        'Health check passed in ' + formatGoDuration(Date.now() - started),
      );
    } else removeCondition(obj, fluxConditionTypes.healthy);

    status['lastAppliedRevision'] = revision;
    markTrue(
      obj,
      fluxConditionTypes.ready,
      fluxReasons.reconciliationSucceeded,
      `Applied revision: ${revision}`,
    );
    finalizeFluxStatus(obj);
    await patchStatus(o.client, obj, signal);
    const changes = [
      ...applied.changeSet.entries
        .filter((e) => e.action === 'created' || e.action === 'configured')
        .map((e) => e.message),
      ...pruned,
    ];
    if (changes.length > 0) o.events.event(obj, 'Normal', fluxReasons.progressing, changes.join('\n'));
    return { requeueAfter: fluxInterval(intervalMs, { percent: o.jitterPercent }) };
  } catch (err) {
    if (signal.aborted || !(err instanceof StepFailure)) throw err;
    removeCondition(obj, fluxConditionTypes.stalled);
    if (
      !obj['status'] ||
      !(status['conditions'] as unknown[] | undefined)?.some(
        (c) => (c as { type: string }).type === 'Reconciling',
      )
    ) {
      markReconciling(obj, fluxReasons.progressing, 'Reconciliation in progress');
    }
    markFalse(obj, fluxConditionTypes.ready, err.reason, err.message);
    finalizeFluxStatus(obj);
    await patchStatus(o.client, obj, signal);
    o.events.event(obj, 'Warning', err.reason, err.message);
    o.logger.info('reconcile failed', { object: formatRef(obj), reason: err.reason, message: err.message });
    return { requeueAfter: err.requeueMs ?? retryMs };
  }
}

/** kustomize-controller's finalizer: objects are garbage-collected when the Kustomization goes. */
export const fluxFinalizer = 'finalizers.fluxcd.io';

const keyOfKustomization = (obj: KubeObject) => ({
  apiVersion: kustomizationApiVersion,
  kind: 'Kustomization',
  namespace: obj.metadata.namespace,
  name: obj.metadata.name ?? '',
});

/** Deletion: prune the inventory (unless `prune: false` or suspended), then let the object go. */
async function finalize(
  obj: KubeObject,
  o: KustomizationReconcilerOptions,
  signal: AbortSignal,
): Promise<Result> {
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(fluxFinalizer)) return {};
  const spec = (obj['spec'] ?? {}) as Kustomization['spec'];
  const inventory = (obj['status'] as { inventory?: Inventory } | undefined)?.inventory;
  const owner = `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name}`;
  if (spec.prune && !spec.suspend && inventory) {
    const result = await pruneInventory(
      inventory,
      { entries: [] },
      { signal, client: o.client, owner: { tracker: fluxTracker(), name: owner } },
    );
    const failed = result.changeSet.entries.filter((e) => e.action === 'failed');
    if (failed.length > 0) {
      o.events.event(obj, 'Warning', fluxReasons.pruneFailed, failed.map((e) => e.message).join('\n'));
      throw new CapstanError(`${formatRef(obj)}: garbage collection failed`, { code: 'PRUNE_FAILED' });
    }
  }
  o.applied.delete(owner);
  await o.client.patch(
    keyOfKustomization(obj),
    {
      type: 'json',
      body: [
        { op: 'test', path: '/metadata/finalizers', value: finalizers },
        { op: 'replace', path: '/metadata/finalizers', value: finalizers.filter((f) => f !== fluxFinalizer) },
      ],
    },
    { signal },
  );
  return {};
}

function mergeInventories(previous: Inventory | undefined, next: Inventory): Inventory {
  const seen = new Set(next.entries.map((e) => e.id));
  return { entries: [...next.entries, ...(previous?.entries ?? []).filter((e) => !seen.has(e.id))] };
}

async function stall(
  obj: KubeObject,
  o: KustomizationReconcilerOptions,
  reason: string,
  message: string,
  signal: AbortSignal,
): Promise<Result> {
  markStalled(obj, reason, message);
  markFalse(obj, fluxConditionTypes.ready, reason, message);
  finalizeFluxStatus(obj);
  await patchStatus(o.client, obj, signal);
  o.events.event(obj, 'Warning', reason, message);
  throw new TerminalError(`${formatRef(obj)}: ${message}`);
}
