import type { Logger } from '../../core/index.ts';
import { KUBERNETES_FINALIZER } from '../admission/kind-rules.ts';
import { timestamp } from '../admission/system-metadata.ts';
import { ApiError } from '../errors.ts';
import { deleteObject } from '../rest/delete.ts';
import { updateObject } from '../rest/update.ts';
import type { ServerState } from '../state.ts';
import { KeyedRunner } from './sweeper.ts';

const NAMESPACES = '/namespaces';

/**
 * The namespace controller: once a Namespace is Terminating it deletes everything in it, waits
 * for objects held by finalizers, and then removes the `kubernetes` finalizer (through
 * `/finalize`), which lets the Namespace go. Runs on the store's change feed, so it reacts to
 * each deletion inside the namespace and resumes after a restart.
 */
export function runNamespaceController(state: ServerState, log: Logger): () => void {
  const nsInfo = state.registry.byKind('v1', 'Namespace')!;
  const terminating = new Set<string>();
  const runner = new KeyedRunner(
    (ns) => sweep(ns),
    (ns, err) => log.warn('namespace controller: sweep failed', { namespace: ns, error: err }),
  );

  const sweep = async (ns: string) => {
    const stored = state.store.get(NAMESPACES, '', ns);
    if (!stored?.object.metadata.deletionTimestamp) {
      terminating.delete(ns);
      return;
    }
    const remaining = new Map<string, number>();
    for (const info of state.registry.storageResources()) {
      if (!info.namespaced) continue;
      for (const o of state.store.list(info.storageKey, ns)) {
        remaining.set(info.storageKey, (remaining.get(info.storageKey) ?? 0) + 1);
        if (o.object.metadata.deletionTimestamp) continue;
        try {
          await deleteObject(state, info, ns, o.object.metadata.name ?? '', {
            propagationPolicy: 'Background',
            fieldManager: 'namespace-controller',
          });
        } catch (err) {
          if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
        }
      }
    }
    if (
      state.registry.storageResources().some((i) => i.namespaced && state.store.count(i.storageKey, ns) > 0)
    ) {
      await setConditions(ns, remaining);
      return;
    }
    terminating.delete(ns);
    await updateObject(
      state,
      nsInfo,
      '',
      ns,
      (current) => {
        const spec = (current.spec ?? {}) as { finalizers?: string[] };
        spec.finalizers = (spec.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);
        current.spec = spec;
        return current;
      },
      { subresource: 'finalize', fieldManager: 'namespace-controller' },
    );
  };

  /** The NamespaceContentRemaining condition kubectl describe shows while objects linger. */
  const setConditions = async (ns: string, remaining: Map<string, number>) => {
    const summary = [...remaining].map(([key, n]) => {
      const [group = '', plural = ''] = key.split('/');
      return `${group ? `${plural}.${group}` : plural} has ${n} resource instances`;
    });
    const message = `Some resources are remaining: ${summary.join(', ')}`;
    await updateObject(
      state,
      nsInfo,
      '',
      ns,
      (current) => {
        const status = (current.status ?? {}) as { conditions?: Record<string, string>[] };
        const existing = status.conditions?.find((c) => c['type'] === 'NamespaceContentRemaining');
        if (existing?.['message'] === message) return current;
        status.conditions = [
          ...(status.conditions ?? []).filter((c) => c['type'] !== 'NamespaceContentRemaining'),
          {
            type: 'NamespaceContentRemaining',
            status: 'True',
            lastTransitionTime: timestamp(state.now()),
            reason: 'SomeResourcesRemain',
            message,
          },
        ];
        current.status = status;
        return current;
      },
      { subresource: 'status', fieldManager: 'namespace-controller' },
    ).catch((err: unknown) => {
      if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
    });
  };

  for (const o of state.store.list(NAMESPACES)) {
    if (o.object.metadata.deletionTimestamp) {
      terminating.add(o.object.metadata.name ?? '');
      runner.schedule(o.object.metadata.name ?? '');
    }
  }
  const unsubscribe = state.store.subscribe((event) => {
    if (event.resource === NAMESPACES) {
      if (event.type !== 'DELETED' && event.current.object.metadata.deletionTimestamp) {
        terminating.add(event.name);
        runner.schedule(event.name);
      } else if (event.type === 'DELETED') terminating.delete(event.name);
    } else if (event.namespace && terminating.has(event.namespace)) {
      runner.schedule(event.namespace);
    }
  });
  return () => {
    unsubscribe();
    runner.stop();
  };
}
