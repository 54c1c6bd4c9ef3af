/**
 * One kustomization directory (kustomize's KustTarget): loads its kustomization file, accumulates
 * resources (files, directories, remote bases), runs its generators, merges components, then its
 * transformers in kustomize's fixed order. Bases are accumulated recursively into a fresh
 * accumulator; components into the parent's.
 */
import { join, relative } from 'node:path';
import { throwIfAborted } from '../../core/index.ts';
import { ANN } from './annotations.ts';
import { KustomizeError, wrap } from './errors.ts';
import { jsonRoundTrip } from '../yaml/index.ts';
import { makeConfigMap, makeSecret, mergeOptions } from './generators/generator.ts';
import {
  KUSTOMIZATION_FILE_NAMES,
  parseKustomization,
  type Kustomization,
  type Var,
} from './kustomization.ts';
import type { Loader } from './loader.ts';
import { appendOrigin, originString, type Origin } from './origin.ts';
import { configurePlugin, type PluginKind } from './plugins.ts';
import { MalformedYamlError, resourcesFromText } from './read-resources.ts';
import { ResMap } from './resmap.ts';
import type { Resource } from './resource.ts';
import { idEquals, resIdString } from './resid.ts';
import { loadConfigFromCrds } from './crds.ts';
import { emptyConfig, loadConfig, mergeConfig, type TransformerConfig } from './transformer-config.ts';
import { builtinTransformers } from './builtin-transformers.ts';
import { addTransformerAnnotation } from './origin-annotations.ts';
import type { Transformer } from './transformers/transformer.ts';
import type { BuildContext } from './context.ts';
import { mergeVars } from './vars.ts';

export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: Var[];
}

export function emptyAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: emptyConfig(), vars: [] };
}

export class KustTarget {
  readonly ldr: Loader;
  readonly ctx: BuildContext;
  k!: Kustomization;
  kustFileName = '';
  origin: Origin | undefined;

  constructor(ldr: Loader, ctx: BuildContext) {
    this.ldr = ldr;
    this.ctx = ctx;
  }

  /** Trace source: a path relative to the directory being built. */
  rel(path: string): string {
    return relative(this.ctx.root, join(this.ldr.root, path)) || '.';
  }

  load(): void {
    const found = KUSTOMIZATION_FILE_NAMES.filter((n) => this.ldr.isFile(n));
    if (found.length === 0) {
      throw new KustomizeError(
        `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${this.ldr.root}'`,
      );
    }
    if (found.length > 1)
      throw new KustomizeError(`Found multiple kustomization files under: ${this.ldr.root}\n`);
    this.kustFileName = found[0]!;
    this.k = parseKustomization(this.ldr.load(this.kustFileName), join(this.ldr.root, this.kustFileName));
    this.ctx.warnings.push(...this.k.warnings);
    if (this.k.helmCharts?.length || this.k.helmChartInflationGenerator?.length || this.k.helmGlobals) {
      throw new KustomizeError(
        `${join(this.ldr.root, this.kustFileName)}: helmCharts are not yet supported by Capstan's native kustomize`,
        { code: 'KUSTOMIZE_UNSUPPORTED' },
      );
    }
  }

  async accumulateTarget(ra: Accumulator = emptyAccumulator()): Promise<Accumulator> {
    throwIfAborted(this.ctx.signal);
    try {
      await this.accumulateResources(ra, this.k.resources);
    } catch (err) {
      throw wrap(err, 'accumulating resources');
    }
    const tc = loadConfig(this.ldr, this.k.configurations ?? []);
    ra.config = mergeConfig(ra.config, tc);
    if (this.k.crds?.length) {
      try {
        ra.config = mergeConfig(ra.config, loadConfigFromCrds(this.ldr, this.k.crds));
      } catch (err) {
        throw wrap(err, `loading CRDs [${this.k.crds.join(' ')}]`);
      }
    }
    await this.runGenerators(ra);
    try {
      for (const c of this.k.components ?? []) await this.accumulateComponent(ra, c);
    } catch (err) {
      throw wrap(err, 'accumulating components');
    }
    await this.runTransformers(ra);
    try {
      mergeVars(ra, this.k.vars ?? []);
    } catch (err) {
      throw wrap(err, `merging vars`);
    }
    return ra;
  }

  private configuredOrigin(kind: string): Origin | undefined {
    if (!this.origin) return undefined;
    const o: Origin = {
      configuredIn: join(this.origin.path ?? '', this.kustFileName),
      configuredBy: { apiVersion: 'builtin', kind },
    };
    if (this.origin.repo) o.repo = this.origin.repo;
    if (this.origin.ref) o.ref = this.origin.ref;
    return o;
  }

  private async runGenerators(ra: Accumulator): Promise<void> {
    const gens: { run: () => Resource[]; origin: Origin | undefined; name: string }[] = [];
    for (const a of this.k.configMapGenerator ?? []) {
      const args = viaPluginConfig(
        { ...a, options: mergeOptions(a.options, this.k.generatorOptions) },
        'ConfigMapGenerator',
      );
      gens.push({
        run: () => [makeConfigMap(this.ldr, args, this.rel(this.kustFileName))],
        origin: this.configuredOrigin('ConfigMapGenerator'),
        name: 'ConfigMapGenerator',
      });
    }
    for (const a of this.k.secretGenerator ?? []) {
      const args = viaPluginConfig(
        { ...a, options: mergeOptions(a.options, this.k.generatorOptions) },
        'SecretGenerator',
      );
      gens.push({
        run: () => [makeSecret(this.ldr, args, this.rel(this.kustFileName))],
        origin: this.configuredOrigin('SecretGenerator'),
        name: 'SecretGenerator',
      });
    }
    for (const p of await this.pluginConfigs(this.k.generators ?? [], 'generator')) {
      gens.push({ run: () => p.generate!(), origin: p.origin, name: p.name });
    }
    for (const g of gens) {
      const made = g.run();
      if (g.origin) {
        for (const r of made)
          if (r.getAnnotation(ANN.origin) === undefined) r.setAnnotation(ANN.origin, originString(g.origin));
      }
      for (const r of made) r.step(g.name);
      try {
        absorbAll(ra.resMap, made);
      } catch (err) {
        throw wrap(err, `merging from generator ${g.name}`);
      }
    }
  }

  private async runTransformers(ra: Accumulator): Promise<void> {
    const list: { t: Transformer; origin: Origin | undefined }[] = [];
    for (const { t, kind } of builtinTransformers(this, ra.config))
      list.push({ t, origin: this.configuredOrigin(kind) });
    for (const p of await this.pluginConfigs(this.k.transformers ?? [], 'transformer'))
      list.push({ t: p.transformer!, origin: p.origin });
    for (const { t, origin } of list) {
      throwIfAborted(this.ctx.signal);
      await t.transform(ra.resMap);
      ra.resMap.invalidate();
      if (origin) addTransformerAnnotation(ra.resMap, origin);
      ra.resMap.dropEmpties();
    }
  }

  /** `generators:`/`transformers:` entries: inline YAML configs, files or directories of configs. */
  private async pluginConfigs(
    entries: string[],
    kind: PluginKind,
  ): Promise<ReturnType<typeof configurePlugin>[]> {
    if (entries.length === 0) return [];
    const cfg = emptyAccumulator();
    const paths: string[] = [];
    for (const e of entries) {
      let inline: Resource[] | undefined;
      try {
        inline = resourcesFromText(e, this.rel(this.kustFileName));
        if (inline.length === 0) inline = undefined;
      } catch {
        inline = undefined;
      }
      if (!inline) {
        paths.push(e);
        continue;
      }
      if (this.origin) {
        for (const r of inline)
          r.setAnnotation(ANN.origin, originString(appendOrigin(this.origin, this.kustFileName)));
      }
      cfg.resMap.appendAll(inline);
    }
    await this.accumulateResources(cfg, paths);
    return cfg.resMap.list.map((r) => configurePlugin(r, kind, this));
  }

  async accumulateResources(ra: Accumulator, paths: string[]): Promise<void> {
    for (const path of paths) {
      let fileMsg: string;
      let fileErr: unknown;
      if (this.ldr.isLocalDir(path)) {
        // What reading a directory as a file reports, without the cost of a throw.
        fileMsg = `accumulating resources from '${path}': ${
          this.ldr.restrictor === 'LoadRestrictionsRootOnly'
            ? `'${this.ldr.resolvePath(path)}' must resolve to a file`
            : `read ${this.ldr.resolvePath(path)}: is a directory`
        }`;
      } else {
        try {
          this.accumulateFile(ra, path);
          continue;
        } catch (errF) {
          if (
            errF instanceof MalformedYamlError ||
            (errF instanceof KustomizeError && errF.code === 'KUSTOMIZE_UNSUPPORTED')
          ) {
            throw errF;
          }
          fileErr = errF;
          fileMsg = errF instanceof Error ? errF.message : String(errF);
        }
      }
      let child: Loader;
      try {
        child = await this.ldr.child(path, this.ctx.signal);
      } catch (err) {
        if (fileErr instanceof KustomizeError && fileErr.cause instanceof MalformedYamlError) throw fileErr;
        throw wrap(err, `accumulation err='${fileMsg}'`);
      }
      const saved = this.origin;
      try {
        if (this.origin) {
          this.origin = appendOrigin(
            this.origin,
            path,
            child.repo
              ? { repo: child.repo.ref.repo, ref: child.repo.ref.ref, path: child.repo.ref.path }
              : undefined,
          );
        }
        await this.accumulateDirectory(ra, child, false);
      } catch (err) {
        throw wrap(err, `accumulation err='${fileMsg}'`);
      } finally {
        this.origin = saved;
      }
    }
  }

  private accumulateFile(ra: Accumulator, path: string): void {
    let resources: Resource[];
    try {
      resources = resourcesFromText(this.ldr.load(path), this.rel(path));
    } catch (err) {
      const e = wrap(err, `accumulating resources from '${path}'`);
      if (err instanceof MalformedYamlError) throw new MalformedYamlError(e.message, { cause: err });
      throw e;
    }
    if (this.origin) {
      const o = originString(appendOrigin(this.origin, path));
      for (const r of resources) r.setAnnotation(ANN.origin, o);
    }
    try {
      ra.resMap.appendAll(resources);
    } catch (err) {
      throw wrap(err, `merging resources from '${path}'`);
    }
  }

  private async accumulateComponent(ra: Accumulator, path: string): Promise<void> {
    let child: Loader;
    try {
      child = await this.ldr.child(path, this.ctx.signal);
    } catch (err) {
      throw new KustomizeError(`loader.New "${err instanceof Error ? err.message : String(err)}"`, {
        cause: err,
      });
    }
    const saved = this.origin;
    try {
      if (this.origin) this.origin = appendOrigin(this.origin, path);
      await this.accumulateDirectory(ra, child, true);
    } catch (err) {
      throw new KustomizeError(`accumulateDirectory: "${err instanceof Error ? err.message : String(err)}"`, {
        cause: err,
      });
    } finally {
      this.origin = saved;
    }
  }

  private async accumulateDirectory(ra: Accumulator, ldr: Loader, isComponent: boolean): Promise<void> {
    const sub = new KustTarget(ldr, this.ctx);
    try {
      sub.load();
    } catch (err) {
      throw wrap(err, `couldn't make target for path '${ldr.root}'`);
    }
    sub.k.buildMetadata = this.k.buildMetadata;
    sub.origin = this.origin;
    if (isComponent && sub.k.kind !== 'Component') {
      throw new KustomizeError(`expected kind 'Component' for path '${ldr.root}' but got '${sub.k.kind}'`);
    }
    if (!isComponent && sub.k.kind === 'Component') {
      throw new KustomizeError(`expected kind != 'Component' for path '${ldr.root}'`);
    }
    let subRa: Accumulator;
    try {
      if (isComponent) {
        // A component works on the parent's accumulated resources, then hands them back.
        const moved: Accumulator = { resMap: ra.resMap, config: ra.config, vars: ra.vars };
        subRa = await sub.accumulateTarget(moved);
        ra.resMap = new ResMap();
        ra.config = emptyConfig();
        ra.vars = [];
      } else subRa = await sub.accumulateTarget();
    } catch (err) {
      throw wrap(err, `recursed accumulation of path '${ldr.root}'`);
    }
    try {
      ra.resMap.appendAll(subRa.resMap.list);
      ra.config = mergeConfig(ra.config, subRa.config);
      mergeVarSet(ra, subRa.vars);
    } catch (err) {
      throw wrap(err, `recursed merging from path '${ldr.root}'`);
    }
  }
}

/**
 * kustomize hands each built-in plugin its config as YAML (sigs.k8s.io/yaml Marshal, then
 * Unmarshal), so config strings take the JSON → YAML round trip: raw control characters fail, a
 * NEL becomes a space.
 */
function viaPluginConfig<T>(v: T, plugin: string): T {
  const map = (x: unknown): unknown => {
    if (typeof x === 'string') return jsonRoundTrip(x);
    if (Array.isArray(x)) return x.map(map);
    if (x !== null && typeof x === 'object')
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [jsonRoundTrip(k), map(y)]));
    return x;
  };
  try {
    return map(v) as T;
  } catch (err) {
    throw wrap(err, `builtin ${plugin} marshal`);
  }
}

function mergeVarSet(ra: Accumulator, incoming: Var[]): void {
  for (const v of incoming) {
    if (ra.vars.some((x) => x.name === v.name))
      throw new KustomizeError(`var '${v.name}' already encountered`);
    ra.vars.push(v);
  }
}

/** resWrangler.AbsorbAll: generated resources are appended, or merged/replaced by behavior. */
export function absorbAll(m: ResMap, rs: Resource[]): void {
  for (const r of rs) {
    const id = r.curId();
    const matches = m.getMatchingByAnyId((x) => idEquals(id, x));
    if (matches.length === 0) {
      const b = r.behavior();
      if (b === 'merge' || b === 'replace') {
        throw new KustomizeError(`id ${goId(id)} does not exist; cannot merge or replace`);
      }
      m.append(r);
      continue;
    }
    if (matches.length > 1) {
      throw new KustomizeError(
        `found multiple objects ${matches.map((x) => resIdString(x.curId())).join(' ')} that could accept merge of ${resIdString(id)}`,
      );
    }
    const old = matches[0]!;
    const index = m.indexOf(old);
    switch (r.behavior()) {
      case 'replace':
        r.copyMergeMetaDataFieldsFrom(old);
        break;
      case 'merge': {
        const orig = old.getAnnotation(ANN.origin);
        r.copyMergeMetaDataFieldsFrom(old);
        mergeDataMaps(r, old, 'data');
        mergeDataMaps(r, old, 'binaryData');
        if (orig !== undefined) r.setAnnotation(ANN.origin, orig);
        break;
      }
      default:
        throw new KustomizeError(`id ${goId(id)} exists; behavior must be merge or replace`);
    }
    r.trace = { source: old.trace.source, steps: [...old.trace.steps, ...r.trace.steps] };
    m.replaceAt(index, r);
  }
}

function mergeDataMaps(r: Resource, old: Resource, field: string): void {
  const a = old.obj[field];
  const b = r.obj[field];
  const merged: Record<string, unknown> = {};
  const strMap = (v: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) out[k] = x === null ? '' : String(x);
    return out;
  };
  Object.assign(merged, strMap(a), strMap(b));
  const keys = Object.keys(merged).sort();
  if (keys.length === 0) {
    delete r.obj[field];
    return;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = merged[k];
  r.obj[field] = out;
}

/** Go's %#v of a ResId, used in kustomize's merge errors. */
function goId(id: ReturnType<Resource['curId']>): string {
  return `resid.ResId{Gvk:resid.Gvk{Group:"${id.group}", Version:"${id.version}", Kind:"${id.kind}", isClusterScoped:${id.clusterScoped}}, Name:"${id.name}", Namespace:"${id.namespace}"}`;
}
