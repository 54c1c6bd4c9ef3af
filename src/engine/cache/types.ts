/** The cluster cache's public face (`createClusterCache` returns one). */
import type { KubeObject } from '../../core/index.ts';
import type { CallOptions, KubeReader } from '../../kube/index.ts';
import type { ResourceKey } from '../object/key.ts';
import type { CacheEntry } from './entry.ts';
import type { AppRef, CacheListener, SubscribeFilter } from './store.ts';

export interface CacheStats {
  objects: number;
  kinds: number;
  watches: number;
  /** Lists done, the first ones included: more than `watches` means relists after 410s. */
  lists: number;
}

export interface ClusterCache {
  /** Resolves once every watched kind has been listed. */
  synced(options: CallOptions): Promise<void>;
  /** Also watch these kinds (`group/Kind`); resolves once they are listed (or known not to be served). */
  ensureKinds(kinds: readonly string[], options: CallOptions): Promise<void>;
  /** Whether objects of the kind are cached (listed and watched). */
  isCached(groupKind: string): boolean;
  /** Scope from discovery; undefined for kinds the server does not serve. */
  isNamespaced(group: string, kind: string): boolean | undefined;
  /** The cached object (stripped: no managedFields). Never change it. */
  get(key: ResourceKey): KubeObject | undefined;
  /** The cached object with its managedFields, when the cache kept them (tracked objects). */
  getWithManagedFields(key: ResourceKey): KubeObject | undefined;
  entry(key: ResourceKey): CacheEntry | undefined;
  list(filter?: { groupKind?: string; namespace?: string }): KubeObject[];
  /** The live objects an application tracks. */
  owned(app: AppRef): KubeObject[];
  /** Objects whose ownerReferences name `uid`. */
  children(uid: string): KubeObject[];
  byUid(uid: string): KubeObject | undefined;
  subscribe(filter: SubscribeFilter, listener: CacheListener): () => void;
  /** A `KubeReader` that answers `get` from memory for cached kinds and asks the server otherwise. */
  reader(): KubeReader;
  stats(): CacheStats;
}
