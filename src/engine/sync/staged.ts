/**
 * Flux's staged apply (fluxcd/pkg `ssa` `ApplyAllStaged` + `ApplyAll`), on the same apply, wait
 * and takeover machinery as the Argo CD syncer: stages from `fluxApplyStages` (definitions, then
 * `*Class` kinds, each waited for until Current; then custom stages; then the rest). In each stage
 * every object is dry-run first; if any dry run fails nothing of the stage is applied. Only
 * drifted objects are applied, in order, under the controller's field manager; unchanged ones are
 * never re-applied. Immutable-field errors recreate the object only with `force` (or the object's
 * `kustomize.toolkit.fluxcd.io/force: enabled`). With `wait`, everything applied is then waited
 * for with kstatus until `timeoutMs`.
 */
import { CapstanError, errorMessage, type KubeObject } from '../../core/index.ts';
import type { KubeClient, KubeReader } from '../../kube/index.ts';
import { normalizeObject } from '../diff/normalize.ts';
import { deepEqual } from '../diff/equal.ts';
import type { FluxHealthChecks } from '../health/kstatus/cel.ts';
import { mapLimit } from '../object/parallel.ts';
import type { Tracker } from '../tracking/tracker.ts';
import { applyObject, isImmutableError, reasonOf, type ApplyResult } from './apply.ts';
import { ChangeSet } from './changeset.ts';
import { keyOfObject } from './delete.ts';
import { fluxApplyStages } from './flux-order.ts';
import {
  FLUX_SSA_ANNOTATION,
  fluxTakeoverManagers,
  takeoverPatch,
  type FieldManagerRef,
} from './takeover.ts';
import { waitForSet, WaitError } from './wait.ts';

export const FLUX_RECONCILE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/reconcile';
export const FLUX_FORCE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/force';

export interface StagedApplyOptions {
  signal: AbortSignal;
  client: KubeClient;
  /** Reads live objects (a cache's reader); defaults to `client`. */
  reader: KubeReader | undefined;
  fieldManager: string;
  /** Stamps the owner labels (`fluxTracker()` with `namespace/name` of the Kustomization). */
  owner: { tracker: Tracker; name: string } | undefined;
  /** Recreate objects whose immutable fields changed (`spec.force`). */
  force: boolean;
  /** Wait for everything applied to be Current (`spec.wait`). */
  wait: boolean;
  /** Deadline of that wait (`spec.timeout`). */
  timeoutMs: number;
  /** Definitions and classes are waited for with these (Flux: 60 s, polled every 2 s). */
  stageTimeoutMs: number;
  pollIntervalMs: number;
  /** `--custom-apply-stage-kinds`: `group/Kind`. */
  customStageKinds: readonly string[];
  /** Dry runs in parallel (`--concurrent-ssa`). */
  concurrency: number;
  /** Managers whose fields are taken over before applying; undefined: Flux's; false: none. */
  takeover: readonly FieldManagerRef[] | false | undefined;
  cel: FluxHealthChecks | undefined;
  /** Only dry-run: the ChangeSet says what would happen (`flux diff`). */
  dryRun: boolean;
}

export const defaultStagedApplyOptions: Omit<StagedApplyOptions, 'signal' | 'client'> = {
  reader: undefined,
  fieldManager: 'kustomize-controller',
  owner: undefined,
  force: false,
  wait: false,
  timeoutMs: 5 * 60_000,
  stageTimeoutMs: 60_000,
  pollIntervalMs: 2000,
  customStageKinds: [],
  concurrency: 4,
  takeover: undefined,
  cel: undefined,
  dryRun: false,
};

export class StagedApplyError extends CapstanError {}

export interface StagedApplyResult {
  changeSet: ChangeSet;
  /** The first failure (dry run, apply or wait); the ChangeSet holds what happened before it. */
  error: CapstanError | undefined;
}

function annotationOf(obj: KubeObject | undefined, key: string): string {
  return (obj?.metadata.annotations?.[key] ?? obj?.metadata.labels?.[key] ?? '').toLowerCase();
}

interface Planned {
  desired: KubeObject;
  live: KubeObject | undefined;
  skip: boolean;
  dry: ApplyResult | undefined;
  cleanup: ReturnType<typeof takeoverPatch>;
  drifted: boolean;
}

export async function applyStaged(
  objects: readonly KubeObject[],
  options: Partial<StagedApplyOptions> & Pick<StagedApplyOptions, 'signal' | 'client'>,
): Promise<StagedApplyResult> {
  const o: StagedApplyOptions = { ...defaultStagedApplyOptions, ...options };
  const takeover = o.takeover ?? fluxTakeoverManagers(o.fieldManager);
  const reader = o.reader ?? o.client;
  const cs = new ChangeSet();
  const stamped = objects.map((obj) => (o.owner ? o.owner.tracker.stamp(obj, o.owner.name) : obj));
  const stages = fluxApplyStages(stamped, o.customStageKinds);
  const applied: KubeObject[] = [];
  const plan = async (desired: KubeObject): Promise<Planned> => {
    let live = await reader.get(keyOfObject(desired), { signal: o.signal });
    // Cached copies of objects nobody tracked yet have no managedFields: takeover needs them.
    if (live && !live.metadata.managedFields && takeover && reader !== o.client)
      live = await o.client.get(keyOfObject(desired), { signal: o.signal });
    const ssa = annotationOf(desired, FLUX_SSA_ANNOTATION) || annotationOf(live, FLUX_SSA_ANNOTATION);
    const skip =
      annotationOf(desired, FLUX_RECONCILE_ANNOTATION) === 'disabled' ||
      annotationOf(live, FLUX_RECONCILE_ANNOTATION) === 'disabled' ||
      ssa === 'ignore' ||
      (ssa === 'ifnotpresent' && live !== undefined);
    const cleanup = live && takeover && !skip ? takeoverPatch(live, o.fieldManager, takeover) : [];
    return { desired, live, skip, dry: undefined, cleanup, drifted: false };
  };
  const force = (p: Planned) =>
    o.force ||
    annotationOf(p.desired, FLUX_FORCE_ANNOTATION) === 'enabled' ||
    annotationOf(p.live, FLUX_FORCE_ANNOTATION) === 'enabled';
  const applyOptions = (p: Planned, dryRun: boolean) => ({
    signal: o.signal,
    client: o.client,
    fieldManager: o.fieldManager,
    force: force(p),
    dryRun,
    pollIntervalMs: Math.min(500, o.pollIntervalMs),
  });

  const stageList: [KubeObject[], boolean][] = [
    [stages.definitions, true],
    [stages.classes, true],
    [stages.custom, false],
    [stages.resources, false],
  ];
  for (const [stage, waitAfter] of stageList) {
    if (stage.length === 0) continue;
    const planned = await mapLimit(stage, o.concurrency, o.signal, plan);
    const dryRunFailures: string[] = [];
    await mapLimit(planned, o.concurrency, o.signal, async (p) => {
      if (p.skip) return;
      try {
        p.dry = await applyObject(p.desired, p.live, applyOptions(p, true));
      } catch (err) {
        if (o.signal.aborted) throw err;
        const immutable = isImmutableError(err) ? ' (immutable field: set force to recreate)' : '';
        dryRunFailures.push(`${errorMessage(err)}${immutable}`);
        cs.add(p.desired, 'failed', `dry-run failed: ${reasonOf(err)}`);
      }
      p.drifted =
        p.dry !== undefined &&
        (!p.live ||
          p.dry.recreated ||
          p.cleanup.length > 0 ||
          !deepEqual(normalizeObject(p.live), normalizeObject(p.dry.object)));
    });
    if (dryRunFailures.length > 0) {
      return {
        changeSet: cs,
        error: new StagedApplyError(dryRunFailures.join('\n'), { code: 'DRY_RUN_FAILED' }),
      };
    }
    for (const p of planned) {
      if (p.skip) {
        cs.add(p.desired, 'skipped');
        continue;
      }
      if (!p.drifted || o.dryRun) {
        cs.add(p.desired, p.drifted ? (p.live ? 'configured' : 'created') : 'unchanged');
        if (!o.dryRun) applied.push(p.desired);
        continue;
      }
      try {
        let live = p.live;
        if (live && p.cleanup.length > 0) {
          live = await o.client.patch(
            keyOfObject(live),
            { type: 'json', body: p.cleanup },
            { signal: o.signal, fieldManager: o.fieldManager },
          );
        }
        const result = await applyObject(p.desired, live, applyOptions(p, false));
        cs.add(p.desired, p.live ? 'configured' : 'created');
        applied.push(result.object);
      } catch (err) {
        if (o.signal.aborted) throw err;
        cs.add(p.desired, 'failed', `apply failed: ${reasonOf(err)}`);
        return {
          changeSet: cs,
          error: new StagedApplyError(errorMessage(err), { code: 'APPLY_FAILED', cause: err }),
        };
      }
    }
    if (waitAfter && !o.dryRun) {
      const error = await waitFor(
        stage.filter((_, i) => !planned[i]!.skip),
        o.stageTimeoutMs,
        o,
        reader,
      );
      if (error) return { changeSet: cs, error };
    }
  }
  if (o.wait && !o.dryRun) {
    const error = await waitFor(applied, o.timeoutMs, o, reader);
    if (error) return { changeSet: cs, error };
  }
  return { changeSet: cs, error: undefined };
}

async function waitFor(
  objects: readonly KubeObject[],
  timeoutMs: number,
  o: StagedApplyOptions,
  reader: KubeReader,
): Promise<CapstanError | undefined> {
  try {
    await waitForSet(objects, {
      signal: o.signal,
      reader,
      timeoutMs,
      pollIntervalMs: o.pollIntervalMs,
      cel: o.cel,
    });
    return undefined;
  } catch (err) {
    if (err instanceof WaitError) return err;
    throw err;
  }
}
