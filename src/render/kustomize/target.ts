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
import { configuredOrigin, runGenerators, runTransformers } from './phases.ts';
import { mergeVarSet } from './var-set.ts';
import {
  KUSTOMIZATION_FILE_NAMES,
  parseKustomization,
  type Kustomization,
  type Var,
} from './kustomization.ts';
import type { Loader } from './loader.ts';
import { appendOrigin, originString, type Origin } from './origin.ts';
import { MalformedYamlError, resourcesFromText } from './read-resources.ts';
import { ResMap } from './resmap.ts';
import type { Resource } from './resource.ts';
import { loadConfigFromCrds } from './crds.ts';
import { emptyConfig, loadConfig, mergeConfig, type TransformerConfig } from './transformer-config.ts';
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
    await runGenerators(this, ra);
    try {
      for (const c of this.k.components ?? []) await this.accumulateComponent(ra, c);
    } catch (err) {
      throw wrap(err, 'accumulating components');
    }
    await runTransformers(this, ra);
    try {
      mergeVars(ra, this.k.vars ?? []);
    } catch (err) {
      throw wrap(err, `merging vars`);
    }
    return ra;
  }

  /** The origin of a built-in generator or transformer configured by this kustomization. */
  configuredOrigin(kind: string): Origin | undefined {
    return configuredOrigin(this, kind);
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
