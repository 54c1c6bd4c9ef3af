/**
 * One resource in a build: the object itself plus kustomize's bookkeeping. Like kustomize,
 * renames and generator options live in `internal.config.kubernetes.io/*` annotations on the
 * object (patches and merges must carry them along exactly as kustomize does), removed at the end.
 * `trace` is Capstan's own origin tracking: the file a resource came from and every step that
 * touched it, for the UI.
 */
import { ANN, BUILD_ANNOTATIONS } from './annotations.ts';

const BUILD_ANNOTATION_SET = new Set<string>(BUILD_ANNOTATIONS);
import { makeResId, parseGroupVersion, type Gvk, type ResId } from './resid.ts';
import { deepCopy, Timestamp } from '../yaml/index.ts';

export type KObject = Record<string, unknown>;

export interface Trace {
  /** The file (or generator) the resource came from, relative to the build root. */
  source: string;
  /** Transformers, patches and generators that changed it, in order. */
  steps: string[];
}

function isMap(v: unknown): v is KObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A scalar as kyaml's GetValue reads it: the text of the scalar. */
export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Timestamp) return v.text;
  return JSON.stringify(v);
}

export class Resource {
  obj: KObject;
  refVarNames: string[] = [];
  trace: Trace;

  constructor(obj: KObject, trace: Trace) {
    this.obj = obj;
    this.trace = trace;
  }

  deepCopy(): Resource {
    const r = new Resource(deepCopy(this.obj), { source: this.trace.source, steps: [...this.trace.steps] });
    r.refVarNames = [...this.refVarNames];
    return r;
  }

  isEmpty(): boolean {
    return Object.keys(this.obj).length === 0;
  }

  get metadata(): KObject {
    let m = this.obj['metadata'];
    if (!isMap(m)) {
      m = {};
      this.obj['metadata'] = m;
    }
    return m as KObject;
  }

  getKind(): string {
    return scalarText(this.obj['kind']);
  }
  setKind(kind: string): void {
    this.obj['kind'] = kind;
  }
  getApiVersion(): string {
    return scalarText(this.obj['apiVersion']);
  }
  setApiVersion(v: string): void {
    this.obj['apiVersion'] = v;
  }
  getGvk(): Gvk {
    const { group, version } = parseGroupVersion(this.getApiVersion());
    return { group, version, kind: this.getKind() };
  }
  setGvk(g: Gvk): void {
    this.setKind(g.kind);
    this.setApiVersion(g.group ? `${g.group}/${g.version}` : g.version);
  }
  getName(): string {
    const m = this.obj['metadata'];
    return isMap(m) ? scalarText(m['name']) : '';
  }
  setName(name: string): void {
    this.metadata['name'] = name;
  }
  getNamespace(): string {
    const m = this.obj['metadata'];
    return isMap(m) ? scalarText(m['namespace']) : '';
  }
  setNamespace(ns: string): void {
    if (ns === '') {
      const m = this.obj['metadata'];
      if (isMap(m)) delete m['namespace'];
      return;
    }
    this.metadata['namespace'] = ns;
  }

  getAnnotations(): Record<string, string> {
    return this.stringMap('annotations');
  }
  /** kyaml's SetAnnotations: replaces the map; an empty map removes the field. */
  setAnnotations(m: Record<string, string>): void {
    this.setStringMap('annotations', m);
  }
  getLabels(): Record<string, string> {
    return this.stringMap('labels');
  }
  setLabels(m: Record<string, string>): void {
    this.setStringMap('labels', m);
  }

  private stringMap(field: string): Record<string, string> {
    const out: Record<string, string> = {};
    const m = this.obj['metadata'];
    if (!isMap(m)) return out;
    const a = m[field];
    if (!isMap(a)) return out;
    for (const [k, v] of Object.entries(a)) out[k] = scalarText(v);
    return out;
  }

  private setStringMap(field: string, m: Record<string, string>): void {
    const meta = this.metadata;
    const keys = Object.keys(m);
    if (keys.length === 0) {
      delete meta[field];
      return;
    }
    const out: Record<string, string> = {};
    for (const k of keys.sort()) out[k] = m[k]!;
    meta[field] = out;
  }

  getAnnotation(key: string): string | undefined {
    const m = this.obj['metadata'];
    if (!isMap(m)) return undefined;
    const a = m['annotations'];
    if (!isMap(a) || !Object.hasOwn(a, key)) return undefined;
    return scalarText(a[key]);
  }

  setAnnotation(key: string, value: string): void {
    const meta = this.metadata;
    let a = meta['annotations'];
    if (!isMap(a)) {
      a = {};
      meta['annotations'] = a;
    }
    (a as KObject)[key] = value;
  }

  deleteAnnotation(key: string): void {
    const m = this.obj['metadata'];
    if (!isMap(m)) return;
    const a = m['annotations'];
    if (isMap(a)) delete a[key];
  }

  private csv(key: string): string[] | undefined {
    const v = this.getAnnotation(key);
    return v === undefined ? undefined : v.split(',');
  }

  private appendCsv(key: string, value: string): void {
    if (value === '') return;
    const cur = this.csv(key);
    this.setAnnotation(key, cur === undefined ? value : [...cur, value].join(','));
  }

  getNamePrefixes(): string[] {
    return this.csv(ANN.prefixes) ?? [];
  }
  getNameSuffixes(): string[] {
    return this.csv(ANN.suffixes) ?? [];
  }
  addNamePrefix(p: string): void {
    this.appendCsv(ANN.prefixes, p);
  }
  addNameSuffix(s: string): void {
    this.appendCsv(ANN.suffixes, s);
  }

  private idCache: { a: unknown; k: unknown; n: unknown; ns: unknown; id: ResId } | undefined;

  /** The current id, memoized on the four field values it derives from (ids are read very often). */
  curId(): ResId {
    const md = this.obj['metadata'];
    const m = isMap(md) ? md : undefined;
    const a = this.obj['apiVersion'];
    const k = this.obj['kind'];
    const n = m?.['name'];
    const ns = m?.['namespace'];
    const c = this.idCache;
    if (c !== undefined && c.a === a && c.k === k && c.n === n && c.ns === ns) return c.id;
    const id = makeResId(this.getGvk(), this.getName(), this.getNamespace());
    this.idCache = { a, k, n, ns, id };
    return id;
  }

  prevIds(): ResId[] {
    const names = this.csv(ANN.previousNames);
    if (names === undefined) return [];
    const ns = this.csv(ANN.previousNamespaces) ?? [''];
    const kinds = this.csv(ANN.previousKinds) ?? [''];
    if (names.length !== ns.length || names.length !== kinds.length) {
      throw new Error(
        'number of previous names, number of previous namespaces, number of previous kinds not equal',
      );
    }
    const { group, version } = parseGroupVersion(this.getApiVersion());
    return names.map((n, i) => makeResId({ group, version, kind: kinds[i]! }, n, ns[i]!));
  }

  orgId(): ResId {
    return this.prevIds()[0] ?? this.curId();
  }

  storePreviousId(): void {
    const id = this.curId();
    const ns = id.clusterScoped
      ? '_non_namespaceable_'
      : id.namespace === '' || id.namespace === 'default'
        ? 'default'
        : id.namespace;
    this.appendCsv(ANN.previousNames, id.name);
    this.appendCsv(ANN.previousNamespaces, ns);
    this.appendCsv(ANN.previousKinds, id.kind);
  }

  getRefBy(): string[] {
    return this.csv(ANN.refBy) ?? [];
  }
  appendRefBy(id: string): void {
    this.appendCsv(ANN.refBy, id);
  }

  behavior(): 'create' | 'merge' | 'replace' | 'unspecified' {
    const v = this.getAnnotation(ANN.generatorBehavior);
    return v === 'create' || v === 'merge' || v === 'replace' ? v : 'unspecified';
  }
  needHashSuffix(): boolean {
    return this.getAnnotation(ANN.needsHashSuffix) === 'enabled';
  }
  nameChangeAllowed(): boolean {
    return this.getAnnotation(ANN.allowNameChange) === 'enabled';
  }
  kindChangeAllowed(): boolean {
    return this.getAnnotation(ANN.allowKindChange) === 'enabled';
  }

  removeBuildAnnotations(): void {
    // The rewrite only matters when it changes something: a build annotation to drop, or a value
    // that is not yet a string (kustomize rewrites annotations as map[string]string).
    const md = this.obj['metadata'];
    const raw = isMap(md) ? md['annotations'] : undefined;
    if (isMap(raw)) {
      let clean = true;
      for (const k in raw) {
        if (typeof raw[k] !== 'string' || BUILD_ANNOTATION_SET.has(k)) {
          clean = false;
          break;
        }
      }
      if (clean) return;
    }
    const a = this.getAnnotations();
    if (Object.keys(a).length === 0) return;
    for (const k of BUILD_ANNOTATIONS) delete a[k];
    this.setAnnotations(a);
  }

  /** Resource.CopyMergeMetaDataFieldsFrom: labels and annotations merged, name/namespace taken. */
  copyMergeMetaDataFieldsFrom(other: Resource): void {
    this.setLabels({ ...other.getLabels(), ...this.getLabels() });
    const mine = this.getAnnotations();
    const enableHash = Object.hasOwn(mine, ANN.needsHashSuffix);
    const theirs = other.getAnnotations();
    const merged: Record<string, string> = { ...theirs, ...mine };
    // mergeStringMapsWithBuildAnnotations: the build annotations are exactly the other's.
    for (const k of BUILD_ANNOTATIONS) {
      if (Object.hasOwn(theirs, k)) merged[k] = theirs[k]!;
      else delete merged[k];
    }
    if (!enableHash) delete merged[ANN.needsHashSuffix];
    this.setAnnotations(merged);
    this.setName(other.getName());
    this.setNamespace(other.getNamespace());
    this.refVarNames = [...other.refVarNames];
  }

  step(description: string): void {
    this.trace.steps.push(description);
  }
}
