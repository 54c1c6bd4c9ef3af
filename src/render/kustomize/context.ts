import type { LoadRestrictor } from './loader.ts';
import type { RemoteFetcher } from './remote.ts';
import type { MergeSchema } from './smp/schema.ts';

/** What every target of one build shares. */
export interface BuildContext {
  /** The directory being built (trace paths are relative to it). */
  root: string;
  loadRestrictor: LoadRestrictor;
  enableAlphaPlugins: boolean;
  schema: MergeSchema;
  remote: RemoteFetcher | undefined;
  signal: AbortSignal;
  /** Deprecation warnings of every kustomization loaded, in load order. */
  warnings: string[];
}
