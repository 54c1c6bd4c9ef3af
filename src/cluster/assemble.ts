import { bumpGeneration, systemMetadata } from './admission/system-metadata.ts';
import { builtinDefaults } from './admission/defaulting.ts';
import { managedFields } from './admission/managed-fields.ts';
import { ServiceAllocator } from './admission/service-allocator.ts';
import { strictFields } from './admission/strict-fields.ts';
import { goTypes } from './admission/go-types.ts';
import { builtinValidation } from './admission/validation.ts';
import { namespaceRules, podRules, volumeRules } from './admission/kind-rules.ts';
import { namespaceLifecycle } from './admission/namespace-lifecycle.ts';
import { AdmissionPipeline } from './admission/pipeline.ts';
import { statusSplit } from './admission/status-split.ts';
import type { AdmissionStep, ObjectReader } from './admission/types.ts';
import { crdRules } from './crd/crd-admission.ts';
import { customResourceSchema } from './crd/cr-schema.ts';
import { serveCustomResources } from './crd/serve.ts';
import { Registry } from './registry/registry.ts';
import { WatchHub } from './rest/watch-hub.ts';
import { view } from './rest/view.ts';
import type { ServerState, Settings } from './state.ts';
import { Database } from './storage/database.ts';
import { History } from './storage/history.ts';
import { Store } from './storage/store.ts';

/**
 * Builds the server's state from a data dir: storage, history, the registry (built-ins plus the
 * stored CRDs), the watch hub and the admission pipeline with its built-in steps in slot order.
 */
export function assembleState(options: {
  dataDir: string;
  durable: 'process' | 'power';
  watchHistory: number;
  settings: Settings;
  admission: readonly AdmissionStep[];
}): { state: ServerState; db: Database; stopServing: () => void } {
  const db = Database.open(options.dataDir, { durable: options.durable });
  let store: Store;
  try {
    store = new Store(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const history = new History(options.watchHistory, store.rv);
  const registry = new Registry();
  const hub = new WatchHub(store, history);
  const stopServing = serveCustomResources(store, registry);
  const reader: ObjectReader = {
    get(apiVersion, kind, namespace, name) {
      const info = registry.byKind(apiVersion, kind);
      const stored = info && store.get(info.storageKey, info.namespaced ? namespace : '', name);
      return stored && info ? view(info, stored).object : undefined;
    },
  };
  const services = registry.byKind('v1', 'Service')!;
  const allocator = new ServiceAllocator(() => store.list(services.storageKey).map((s) => s.object));
  const pipeline = new AdmissionPipeline();
  for (const step of [
    goTypes,
    systemMetadata,
    statusSplit,
    namespaceRules,
    podRules,
    volumeRules,
    crdRules(registry),
    namespaceLifecycle,
    builtinDefaults(allocator),
    customResourceSchema,
    strictFields,
    builtinValidation,
    managedFields,
    bumpGeneration,
    ...options.admission,
  ]) {
    pipeline.add(step);
  }
  const state: ServerState = {
    store,
    history,
    registry,
    hub,
    pipeline,
    reader,
    settings: options.settings,
    now: () => new Date(),
  };
  return { state, db, stopServing };
}
