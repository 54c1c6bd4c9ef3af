import { formatApiVersion } from '../../core/index.ts';
import { BUILTIN_RESOURCES } from '../../kube/index.ts';
import { eventsV1Conversion } from './event-conversion.ts';
import type { ResourceInfo } from './resource-info.ts';
import { compareVersions } from './version-order.ts';

/** A served API group and its versions, preferred first. */
export interface GroupInfo {
  name: string;
  versions: string[];
}

/**
 * The served resources: the built-in catalog plus whatever CustomResourceDefinitions add.
 * Discovery, routing, the OpenAPI documents and the in-process API all read it; `generation`
 * changes whenever the set changes, so derived documents know when to rebuild.
 */
export class Registry {
  readonly #builtin: ResourceInfo[];
  readonly #custom = new Map<string, ResourceInfo[]>();
  #byResource = new Map<string, ResourceInfo>();
  #byKind = new Map<string, ResourceInfo>();
  #generation = 0;
  readonly #listeners = new Set<() => void>();

  constructor() {
    this.#builtin = BUILTIN_RESOURCES.map((r) => {
      const apiVersion = formatApiVersion(r.group, r.version);
      const isEventsV1 = r.group === 'events.k8s.io';
      return {
        ...r,
        apiVersion,
        listKind: `${r.kind}List`,
        storageKey: isEventsV1 ? '/events' : `${r.group}/${r.plural}`,
        storageVersion: isEventsV1 ? 'v1' : apiVersion,
        ...(isEventsV1 ? { conversion: eventsV1Conversion } : {}),
      };
    });
    this.#reindex();
  }

  /** Bumped on every change of the served set. */
  get generation(): number {
    return this.#generation;
  }

  byResource(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.#byResource.get(`${group}/${version}/${plural}`);
  }

  byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.#byKind.get(`${apiVersion}|${kind}`);
  }

  /** Every served resource, built-ins first, in discovery order. */
  all(): ResourceInfo[] {
    return [...this.#builtin, ...[...this.#custom.values()].flat()];
  }

  /**
   * One info per storage key, for sweeping every object of a kind: the stored version's, or any
   * served version's when the stored one is not served (a CRD may stop serving its storage version).
   */
  storageResources(): ResourceInfo[] {
    const seen = new Map<string, ResourceInfo>();
    for (const r of this.all()) {
      const prev = seen.get(r.storageKey);
      if (!prev || (prev.apiVersion !== prev.storageVersion && r.apiVersion === r.storageVersion))
        seen.set(r.storageKey, r);
    }
    return [...seen.values()];
  }

  /** Served groups: the core group '' first, then built-in groups, then custom groups by name. */
  groups(): GroupInfo[] {
    const groups = new Map<string, string[]>();
    for (const r of this.all()) {
      const versions = groups.get(r.group) ?? [];
      if (!versions.includes(r.version)) versions.push(r.version);
      groups.set(r.group, versions);
    }
    const builtinGroups = new Set(this.#builtin.map((r) => r.group));
    const custom = [...groups.keys()].filter((g) => !builtinGroups.has(g)).sort();
    return [...builtinGroups, ...custom].map((name) => ({
      name,
      versions: [...groups.get(name)!].sort(compareVersions),
    }));
  }

  /** Serves (or re-serves, after a change) the versions a CRD defines. */
  setCustom(crdName: string, infos: ResourceInfo[]): void {
    this.#custom.set(crdName, infos);
    this.#changed();
  }

  removeCustom(crdName: string): void {
    if (this.#custom.delete(crdName)) this.#changed();
  }

  customResources(crdName: string): readonly ResourceInfo[] {
    return this.#custom.get(crdName) ?? [];
  }

  /** Calls `listener` whenever the served set changes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#reindex();
    this.#generation++;
    for (const l of this.#listeners) l();
  }

  #reindex(): void {
    const byResource = new Map<string, ResourceInfo>();
    const byKind = new Map<string, ResourceInfo>();
    for (const r of this.all()) {
      byResource.set(`${r.group}/${r.version}/${r.plural}`, r);
      byKind.set(`${r.apiVersion}|${r.kind}`, r);
    }
    this.#byResource = byResource;
    this.#byKind = byKind;
  }
}
