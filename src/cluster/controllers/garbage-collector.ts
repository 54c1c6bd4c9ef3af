import type { KubeObject, OwnerReference } from '../../core/index.ts';
import type { TypeRef } from '../api/types.ts';
import { ApiError } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ControllerContext } from './loop/context.ts';
import { Informer } from './loop/informer.ts';

const MANAGER = 'garbage-collector';
export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';
/** Kinds nobody owns and there are many of: not worth a graph node each. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

interface GraphNode {
  type: TypeRef;
  namespaced: boolean;
  namespace: string;
  name: string;
  uid: string;
  owners: OwnerReference[];
  finalizers: string[];
  deleting: boolean;
}

/**
 * The garbage collector: a graph of every object's ownerReferences, fed by a metadata-only
 * watch of every resource (custom ones as their CRDs come). It deletes dependents whose owners
 * are all gone (background propagation, the default), strips ownerReferences and then the
 * `orphan` finalizer for orphan deletion, and for foreground deletion deletes the dependents
 * and removes the `foregroundDeletion` finalizer once no dependent with blockOwnerDeletion is
 * left. Owners it does not know yet are looked up live before anything is deleted.
 */
export function startGarbageCollector(ctx: ControllerContext): void {
  const nodes = new Map<string, GraphNode>();
  const dependents = new Map<string, Set<string>>();
  const informers = new Map<string, Informer>();
  const queue = ctx.queue('garbage-collector', (uid) => attempt(uid), 8);

  const link = (n: GraphNode) => {
    for (const ref of n.owners) {
      let s = dependents.get(ref.uid);
      if (!s) dependents.set(ref.uid, (s = new Set()));
      s.add(n.uid);
    }
  };
  const unlink = (n: GraphNode) => {
    for (const ref of n.owners) {
      const s = dependents.get(ref.uid);
      s?.delete(n.uid);
      if (s?.size === 0) dependents.delete(ref.uid);
    }
  };
  const dependentsOf = (uid: string): GraphNode[] =>
    [...(dependents.get(uid) ?? [])].map((d) => nodes.get(d)).filter((n): n is GraphNode => n !== undefined);

  const watchType = (info: ResourceInfo) => {
    if (informers.has(info.storageKey) || IGNORED.has(info.storageKey)) return;
    if (!['list', 'watch', 'delete'].every((v) => info.verbs.includes(v as never))) return;
    const type = { apiVersion: info.apiVersion, kind: info.kind };
    const inf = new Informer(ctx.api, type, ctx.log, metadataOnly);
    informers.set(info.storageKey, inf);
    const toNode = (o: KubeObject): GraphNode => ({
      type,
      namespaced: info.namespaced,
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name ?? '',
      uid: o.metadata.uid ?? '',
      owners: o.metadata.ownerReferences ?? [],
      finalizers: o.metadata.finalizers ?? [],
      deleting: o.metadata.deletionTimestamp !== undefined,
    });
    const upsert = (o: KubeObject, old?: KubeObject) => {
      const n = toNode(o);
      const prev = nodes.get(n.uid);
      if (prev) unlink(prev);
      nodes.set(n.uid, n);
      link(n);
      const ownersChanged =
        JSON.stringify(old?.metadata.ownerReferences ?? null) !==
        JSON.stringify(o.metadata.ownerReferences ?? null);
      if (
        (n.owners.length > 0 && (!old || ownersChanged)) ||
        (n.deleting && (n.finalizers.includes(FOREGROUND) || n.finalizers.includes(ORPHAN)))
      )
        queue.add(n.uid);
      // A foreground-deleting owner waits on its dependents: tell it when one changes.
      for (const ref of n.owners) if (nodes.get(ref.uid)?.deleting) queue.add(ref.uid);
    };
    inf.on({
      added: (o) => upsert(o),
      updated: (old, o) => upsert(o, old),
      deleted: (o) => {
        const n = nodes.get(o.metadata.uid ?? '');
        if (!n) return;
        unlink(n);
        nodes.delete(n.uid);
        for (const d of dependents.get(n.uid) ?? []) queue.add(d);
        for (const ref of n.owners) if (nodes.has(ref.uid)) queue.add(ref.uid);
      },
    });
    inf.start();
  };

  const rescan = () => {
    if (ctx.stopped) return;
    const served = new Set<string>();
    for (const info of ctx.api.resources()) {
      served.add(info.storageKey);
      watchType(info);
    }
    for (const [key, inf] of informers)
      if (!served.has(key)) {
        inf.stop();
        informers.delete(key);
      }
  };
  rescan();
  const crds = ctx.informer({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' });
  crds.on({
    added: () => setImmediate(rescan),
    updated: () => setImmediate(rescan),
    deleted: () => setImmediate(rescan),
  });
  ctx.onStop(() => {
    for (const inf of informers.values()) inf.stop();
  });

  const attempt = async (uid: string): Promise<void> => {
    const n = nodes.get(uid);
    if (!n) return;
    if (n.deleting) {
      if (n.finalizers.includes(ORPHAN)) await orphan(n);
      else if (n.finalizers.includes(FOREGROUND)) await foreground(n);
      return;
    }
    if (n.owners.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of n.owners) {
      const owner = nodes.get(ref.uid);
      if (owner) {
        if (owner.deleting && owner.finalizers.includes(FOREGROUND)) waiting.push(ref);
        else solid.push(ref);
      } else if (await ownerExists(n, ref)) solid.push(ref);
      else dangling.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const gone = new Set([...dangling, ...waiting].map((r) => r.uid));
      await rewrite(n, (o) => {
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => !gone.has(r.uid));
      });
      return;
    }
    const policy = waiting.length > 0 && (dependents.get(n.uid)?.size ?? 0) > 0 ? 'Foreground' : 'Background';
    await ctx
      .remove(
        n.type,
        { namespace: n.namespace, name: n.name },
        { propagationPolicy: policy, preconditions: { uid: n.uid }, fieldManager: MANAGER },
      )
      .catch(preconditionMiss);
  };

  const ownerExists = async (n: GraphNode, ref: OwnerReference): Promise<boolean> => {
    let namespaced: boolean;
    try {
      namespaced = ctx.api.resource({ apiVersion: ref.apiVersion, kind: ref.kind }).namespaced;
    } catch {
      return false; // an owner type that is not served cannot exist
    }
    try {
      const owner = await ctx.api.get(
        { apiVersion: ref.apiVersion, kind: ref.kind },
        {
          namespace: namespaced ? n.namespace : undefined,
          name: ref.name,
        },
      );
      return owner.metadata.uid === ref.uid;
    } catch (err) {
      if (err instanceof ApiError && err.httpCode === 404) return false;
      throw err;
    }
  };

  const orphan = async (n: GraphNode) => {
    for (const d of dependentsOf(n.uid)) {
      await rewrite(d, (o) => {
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== n.uid);
        if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
      });
    }
    await rewrite(n, (o) => dropFinalizer(o, ORPHAN));
  };

  const foreground = async (n: GraphNode) => {
    const deps = dependentsOf(n.uid);
    for (const d of deps) {
      if (d.deleting) continue;
      const policy = (dependents.get(d.uid)?.size ?? 0) > 0 ? 'Foreground' : 'Background';
      await ctx
        .remove(
          d.type,
          { namespace: d.namespace, name: d.name },
          { propagationPolicy: policy, preconditions: { uid: d.uid }, fieldManager: MANAGER },
        )
        .catch(preconditionMiss);
    }
    const blocking = deps.filter((d) =>
      d.owners.some((r) => r.uid === n.uid && r.blockOwnerDeletion === true),
    );
    if (blocking.length > 0) return;
    await rewrite(n, (o) => dropFinalizer(o, FOREGROUND));
  };

  /** Reads the full object, changes it, writes it back (409 → the queue retries). */
  const rewrite = async (n: GraphNode, change: (o: KubeObject) => void) => {
    let obj: KubeObject;
    try {
      obj = await ctx.api.get(n.type, { namespace: n.namespace, name: n.name });
    } catch (err) {
      if (err instanceof ApiError && err.httpCode === 404) return;
      throw err;
    }
    if (obj.metadata.uid !== n.uid) return;
    change(obj);
    await ctx.api.update(obj, { fieldManager: MANAGER }).catch((err: unknown) => {
      if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
    });
  };
}

function dropFinalizer(o: KubeObject, f: string): void {
  o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((x) => x !== f);
  if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
}

/** A delete whose uid precondition failed: the object was replaced, which is not ours to delete. */
function preconditionMiss(err: unknown): undefined {
  if (err instanceof ApiError && err.httpCode === 409) return undefined;
  throw err;
}

/** What the graph needs of an object; the rest is dropped to keep the caches small. */
function metadataOnly(o: KubeObject): KubeObject {
  const m = o.metadata;
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      ...(m.ownerReferences ? { ownerReferences: m.ownerReferences } : {}),
      ...(m.finalizers ? { finalizers: m.finalizers } : {}),
      ...(m.deletionTimestamp ? { deletionTimestamp: m.deletionTimestamp } : {}),
    },
  };
}
