import type { AdmissionPipeline } from './admission/pipeline.ts';
import type { ObjectReader } from './admission/types.ts';
import type { Registry } from './registry/registry.ts';
import type { History } from './storage/history.ts';
import type { Store } from './storage/store.ts';
import type { WatchHub } from './rest/watch-hub.ts';

/** Knobs of the running server that handlers read. */
export interface Settings {
  /** Watches without `timeoutSeconds` end after this many seconds (times a random 1–2). */
  watchTimeoutSeconds: number;
  /** How often a watch that asked for bookmarks gets one. */
  bookmarkIntervalMs: number;
  /**
   * Whether a garbage collector runs (issue 5): only then does DELETE with
   * propagationPolicy Foreground/Orphan add the `foregroundDeletion`/`orphan` finalizers, which
   * nothing else would ever remove.
   */
  garbageCollector: boolean;
}

/** The parts of a running cluster the REST operations share. */
export interface ServerState {
  readonly store: Store;
  readonly history: History;
  readonly registry: Registry;
  readonly hub: WatchHub;
  readonly pipeline: AdmissionPipeline;
  readonly reader: ObjectReader;
  readonly settings: Settings;
  now(): Date;
}
