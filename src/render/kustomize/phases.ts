/**
 * The generator and transformer phases of a kustomization (KustTarget.runGenerators and
 * runTransformers): the built-ins its fields configure, then the plugin configs listed in
 * `generators:`/`transformers:`, each recorded on the resources it produced or touched.
 */
import { join } from 'node:path';
import { throwIfAborted } from '../../core/index.ts';
import { absorbAll } from './absorb.ts';
import { ANN } from './annotations.ts';
import { builtinTransformers } from './builtin-transformers.ts';
import { wrap } from './errors.ts';
import { makeConfigMap, makeSecret, mergeOptions } from './generators/generator.ts';
import { appendOrigin, originString, type Origin } from './origin.ts';
import { addTransformerAnnotation } from './origin-annotations.ts';
import { viaPluginConfig } from './plugin-config.ts';
import { configurePlugin, type PluginKind } from './plugins.ts';
import { resourcesFromText } from './read-resources.ts';
import type { Resource } from './resource.ts';
import { emptyAccumulator, type Accumulator, type KustTarget } from './target.ts';
import type { Transformer } from './transformers/transformer.ts';

export function configuredOrigin(kt: KustTarget, kind: string): Origin | undefined {
  if (!kt.origin) return undefined;
  const o: Origin = {
    configuredIn: join(kt.origin.path ?? '', kt.kustFileName),
    configuredBy: { apiVersion: 'builtin', kind },
  };
  if (kt.origin.repo) o.repo = kt.origin.repo;
  if (kt.origin.ref) o.ref = kt.origin.ref;
  return o;
}

export async function runGenerators(kt: KustTarget, ra: Accumulator): Promise<void> {
  const gens: { run: () => Resource[]; origin: Origin | undefined; name: string }[] = [];
  for (const a of kt.k.configMapGenerator ?? []) {
    const args = viaPluginConfig(
      { ...a, options: mergeOptions(a.options, kt.k.generatorOptions) },
      'ConfigMapGenerator',
    );
    gens.push({
      run: () => [makeConfigMap(kt.ldr, args, kt.rel(kt.kustFileName))],
      origin: configuredOrigin(kt, 'ConfigMapGenerator'),
      name: 'ConfigMapGenerator',
    });
  }
  for (const a of kt.k.secretGenerator ?? []) {
    const args = viaPluginConfig(
      { ...a, options: mergeOptions(a.options, kt.k.generatorOptions) },
      'SecretGenerator',
    );
    gens.push({
      run: () => [makeSecret(kt.ldr, args, kt.rel(kt.kustFileName))],
      origin: configuredOrigin(kt, 'SecretGenerator'),
      name: 'SecretGenerator',
    });
  }
  for (const p of await pluginConfigs(kt, kt.k.generators ?? [], 'generator')) {
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

export async function runTransformers(kt: KustTarget, ra: Accumulator): Promise<void> {
  const list: { t: Transformer; origin: Origin | undefined }[] = [];
  for (const { t, kind } of builtinTransformers(kt, ra.config))
    list.push({ t, origin: configuredOrigin(kt, kind) });
  for (const p of await pluginConfigs(kt, kt.k.transformers ?? [], 'transformer'))
    list.push({ t: p.transformer!, origin: p.origin });
  for (const { t, origin } of list) {
    throwIfAborted(kt.ctx.signal);
    await t.transform(ra.resMap);
    ra.resMap.invalidate();
    if (origin) addTransformerAnnotation(ra.resMap, origin);
    ra.resMap.dropEmpties();
  }
}

/** `generators:`/`transformers:` entries: inline YAML configs, files or directories of configs. */
export async function pluginConfigs(
  kt: KustTarget,
  entries: string[],
  kind: PluginKind,
): Promise<ReturnType<typeof configurePlugin>[]> {
  if (entries.length === 0) return [];
  const cfg = emptyAccumulator();
  const paths: string[] = [];
  for (const e of entries) {
    let inline: Resource[] | undefined;
    try {
      inline = resourcesFromText(e, kt.rel(kt.kustFileName));
      if (inline.length === 0) inline = undefined;
    } catch {
      inline = undefined;
    }
    if (!inline) {
      paths.push(e);
      continue;
    }
    if (kt.origin) {
      for (const r of inline)
        r.setAnnotation(ANN.origin, originString(appendOrigin(kt.origin, kt.kustFileName)));
    }
    cfg.resMap.appendAll(inline);
  }
  await kt.accumulateResources(cfg, paths);
  return cfg.resMap.list.map((r) => configurePlugin(r, kind, kt));
}
