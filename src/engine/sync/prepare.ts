/**
 * The first part of every sync attempt: read what the cluster has of the desired objects, pair
 * desired with live, stamp targets as the application's, run the safety checks, and plan the
 * tasks. Nothing is written here.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import type { KubeReader } from '../../kube/index.ts';
import { respectIgnoreDifferences } from '../diff/respect.ts';
import { formatKey, keyOf } from '../object/key.ts';
import { mapLimit } from '../object/parallel.ts';
import { keyOfObject } from './delete.ts';
import { hookName } from './hook-name.ts';
import { isHook } from './hooks.ts';
import { syncPhases } from './phases.ts';
import { planSync } from './plan.ts';
import { reconcile, type IsNamespaced, type ResourcePair } from './reconcile.ts';
import { checkPruneAll, checkSharedResources, sharedResources } from './safety.ts';
import type { SyncRequest, SyncRunOptions } from './sync-options.ts';
import type { SyncTask } from './task.ts';

export interface Prepared {
  tasks: SyncTask[];
  /** Namespaces this sync creates that do not exist yet: their objects cannot be dry-run. */
  newNamespaces: Set<string>;
  /** Whether the server serves an object's kind already (a CRD of this sync may exist from before). */
  served: (obj: KubeObject) => boolean;
}

/** Scope of every kind involved, from discovery (undefined: not served, e.g. a CRD in this sync). */
async function scopes(objects: readonly KubeObject[], o: SyncRunOptions): Promise<IsNamespaced> {
  if (o.isNamespaced) return o.isNamespaced;
  const known = new Map<string, boolean | undefined>();
  for (const obj of objects) {
    const { group, version } = parseApiVersion(obj.apiVersion);
    const k = `${group}/${obj.kind}`;
    if (known.has(k)) continue;
    known.set(
      k,
      (await o.client.resourceFor({ group, version, kind: obj.kind }, { signal: o.signal }))?.namespaced,
    );
  }
  return (group, kind) => known.get(`${group}/${kind}`);
}

function stamp(pair: ResourcePair, app: string, o: SyncRunOptions): ResourcePair {
  return pair.target ? { ...pair, target: o.tracker.stamp(pair.target, app) } : pair;
}

export async function prepare(request: SyncRequest, startedAt: Date, o: SyncRunOptions): Promise<Prepared> {
  const reader: KubeReader = o.reader ?? o.client;
  const isNamespaced = await scopes([...request.desired, ...request.live], o);
  // Live copies of the tracked objects may be stale (a retry): read them again.
  // Live hooks are never pruned: BeforeHookCreation replaces them, their delete policy removes them.
  const tracked = (
    await mapLimit(request.live, o.concurrency, o.signal, (l) =>
      reader.get(keyOfObject(l), { signal: o.signal }),
    )
  ).filter((l): l is KubeObject => l !== undefined && !isHook(l));
  // Desired objects the application does not track yet may exist (adopted, or another app's).
  const first = reconcile(request.desired, tracked, request.namespace, isNamespaced);
  const missing = first.resources
    .filter((r) => r.target && !r.live && isNamespaced(...groupKind(r.target)) !== undefined)
    .map((r) => r.target!);
  const found = await readMissing(missing, reader, o);
  const live = [...tracked, ...found.filter((f): f is KubeObject => f !== undefined)];
  const reconciled = reconcile(request.desired, live, request.namespace, isNamespaced);

  let resources = reconciled.resources.map((r) => stamp(r, request.app, o));
  if (o.resources) {
    const wanted = new Set(o.resources.map(formatKey));
    resources = resources.filter((r) => wanted.has(formatKey(keyOf((r.target ?? r.live)!))));
  }
  const desiredCount = resources.filter((r) => r.target).length;
  const pruneCount = resources.filter((r) => !r.target).length;
  const empty = checkPruneAll({
    app: request.app,
    desiredCount,
    pruneCount,
    prune: o.prune,
    allowEmpty: o.allowEmpty,
  });
  if (empty) throw empty;
  if (o.syncOptions.failOnSharedResource) {
    const shared = checkSharedResources(sharedResources(request.app, resources, (l) => o.tracker.ownerOf(l)));
    if (shared) throw shared;
  }
  if (o.syncOptions.respectIgnoreDifferences && o.ignoreDifferences.length > 0) {
    resources = await Promise.all(
      resources.map(async (r) =>
        r.target && r.live
          ? {
              ...r,
              target: await respectIgnoreDifferences(r.target, r.live, o.ignoreDifferences, {
                signal: o.signal,
                jq: o.jq,
              }),
            }
          : r,
      ),
    );
  }

  const skipHooks = o.skipHooks || o.resources !== undefined;
  const hooks = skipHooks ? [] : reconciled.hooks.map((h) => withNamespace(h, request.namespace));
  // Hooks from an earlier attempt or sync, by the name this sync gives them.
  const named = hooks.flatMap((h) =>
    syncPhases(h).map((phase) => ({
      ...h,
      metadata: { ...h.metadata, name: hookName(h, phase, request.revision, startedAt) },
    })),
  );
  const liveHooks = (
    await mapLimit(named, o.concurrency, o.signal, (h) => reader.get(keyOfObject(h), { signal: o.signal }))
  ).filter((h): h is KubeObject => h !== undefined);

  const liveNamespace =
    o.syncOptions.createNamespace && request.namespace
      ? await reader.get(
          { apiVersion: 'v1', kind: 'Namespace', name: request.namespace },
          { signal: o.signal },
        )
      : undefined;
  const tasks = planSync(
    { resources, hooks, liveHooks, namespace: request.namespace, revision: request.revision, startedAt },
    {
      syncOptions: o.syncOptions,
      skipHooks,
      liveNamespace,
      managedNamespaceMetadata: o.managedNamespaceMetadata,
    },
  );
  // Hooks are stamped once planning has named them (generateName hooks have no name before).
  for (const t of tasks) if (t.hookType && t.target) t.target = o.tracker.stamp(t.target, request.app);
  const newNamespaces = new Set<string>();
  for (const t of tasks) {
    if (t.target?.kind === 'Namespace' && t.target.apiVersion === 'v1' && !t.live)
      newNamespaces.add(t.target.metadata.name ?? '');
  }
  return { tasks, newNamespaces, served: (obj) => isNamespaced(...groupKind(obj)) !== undefined };
}

/**
 * Live copies of desired objects the application does not track. A cache may not have seen an
 * object written a moment ago, so what it does not know is asked of the server: one list per
 * kind and namespace when many are missing (a first sync), single reads otherwise.
 */
async function readMissing(
  missing: readonly KubeObject[],
  reader: KubeReader,
  o: SyncRunOptions,
): Promise<(KubeObject | undefined)[]> {
  const cached = await mapLimit(missing, o.concurrency, o.signal, (m) =>
    reader.get(keyOfObject(m), { signal: o.signal }),
  );
  if (reader === o.client) return cached;
  const unknown = missing.filter((_, i) => cached[i] === undefined);
  const groups = new Map<string, KubeObject[]>();
  for (const m of unknown) {
    const k = `${m.apiVersion}|${m.kind}|${m.metadata.namespace ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  const fromServer: (KubeObject | undefined)[] = [];
  for (const group of groups.values()) {
    if (group.length <= 8) {
      fromServer.push(
        ...(await mapLimit(group, o.concurrency, o.signal, (m) =>
          o.client.get(keyOfObject(m), { signal: o.signal }),
        )),
      );
      continue;
    }
    const first = group[0]!;
    const names = new Set(group.map((m) => m.metadata.name));
    let cont: string | undefined;
    do {
      const page = await o.client.list(
        { ...parseApiVersion(first.apiVersion), kind: first.kind },
        { signal: o.signal, namespace: first.metadata.namespace, limit: 500, continue: cont },
      );
      fromServer.push(...page.items.filter((i) => names.has(i.metadata.name)));
      cont = page.metadata.continue || undefined;
    } while (cont);
  }
  return [...cached, ...fromServer];
}

function groupKind(obj: KubeObject): [string, string] {
  return [parseApiVersion(obj.apiVersion).group, obj.kind];
}

function withNamespace(hook: KubeObject, namespace: string): KubeObject {
  if (hook.metadata.namespace || !namespace) return hook;
  return { ...hook, metadata: { ...hook.metadata, namespace } };
}
