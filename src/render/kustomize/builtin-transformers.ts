/**
 * The built-in transformers a kustomization's fields configure, in kustomize's fixed order
 * (kusttarget_configplugin.go): patchesStrategicMerge, patches, namespace, namePrefix, nameSuffix,
 * labels and commonLabels, commonAnnotations, patchesJson6902, replicas, images, replacements.
 */
import { KustomizeError } from './errors.ts';
import type { FieldSpec } from './kustomization.ts';
import { mergeFieldSpecs, type TransformerConfig } from './transformer-config.ts';
import type { KustTarget } from './target.ts';
import { mapEntriesTransformer } from './transformers/labels.ts';
import { imageTagTransformer } from './transformers/images.ts';
import { namespaceTransformer } from './transformers/namespace.ts';
import {
  patchJson6902Transformer,
  patchStrategicMergeTransformer,
  patchTransformer,
} from './transformers/patch.ts';
import { prefixSuffixTransformer } from './transformers/prefix-suffix.ts';
import { loadReplacements, replacementTransformer } from './transformers/replacements.ts';
import { replicaCountTransformer } from './transformers/replicas.ts';
import type { Transformer } from './transformers/transformer.ts';

function mergeOne(fss: FieldSpec[], fs: FieldSpec): FieldSpec[] {
  try {
    return mergeFieldSpecs(fss, [fs]);
  } catch (err) {
    throw new KustomizeError(`failed to merge labels: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function builtinTransformers(
  kt: KustTarget,
  tc: TransformerConfig,
): { t: Transformer; kind: string }[] {
  const k = kt.k;
  const out: { t: Transformer; kind: string }[] = [];
  const add = (kind: string, t: Transformer): void => void out.push({ t, kind });
  if (k.patchesStrategicMerge?.length) {
    add(
      'PatchStrategicMergeTransformer',
      patchStrategicMergeTransformer(k.patchesStrategicMerge, kt.ldr, kt.ctx.schema),
    );
  }
  for (const p of k.patches ?? [])
    add('PatchTransformer', patchTransformer(p ?? {}, kt.ldr, kt.ctx.schema, kt.rel(kt.kustFileName)));
  if (k.namespace)
    add('NamespaceTransformer', namespaceTransformer({ namespace: k.namespace, fieldSpecs: tc.namespace }));
  if (k.namePrefix) add('PrefixTransformer', prefixSuffixTransformer('prefix', k.namePrefix, tc.namePrefix));
  if (k.nameSuffix) add('SuffixTransformer', prefixSuffixTransformer('suffix', k.nameSuffix, tc.nameSuffix));
  if ((k.labels?.length ?? 0) > 0 || Object.keys(k.commonLabels ?? {}).length > 0) {
    for (const label of k.labels ?? []) {
      let fss: FieldSpec[];
      try {
        fss = mergeFieldSpecs(label.fields ?? [], tc.labels);
        if (label.includeSelectors) fss = mergeFieldSpecs(fss, tc.commonLabels);
        else {
          if (label.includeTemplates) fss = mergeFieldSpecs(fss, tc.templateLabels);
          fss = mergeOne(fss, { path: 'metadata/labels', create: true });
        }
      } catch (err) {
        throw new KustomizeError(
          `failed to merge labels: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      add('LabelTransformer', mapEntriesTransformer('LabelTransformer', label.pairs ?? {}, fss));
    }
    add('LabelTransformer', mapEntriesTransformer('LabelTransformer', k.commonLabels ?? {}, tc.commonLabels));
  }
  if (Object.keys(k.commonAnnotations ?? {}).length > 0) {
    add(
      'AnnotationsTransformer',
      mapEntriesTransformer('AnnotationsTransformer', k.commonAnnotations!, tc.commonAnnotations),
    );
  }
  for (const p of k.patchesJson6902 ?? [])
    add('PatchJson6902Transformer', patchJson6902Transformer(p ?? {}, kt.ldr));
  for (const r of k.replicas ?? []) add('ReplicaCountTransformer', replicaCountTransformer(r, tc.replicas));
  for (const img of k.images ?? []) add('ImageTagTransformer', imageTagTransformer(img, tc.images));
  if (k.replacements?.length) {
    add('ReplacementTransformer', replacementTransformer(loadReplacements(k.replacements, kt.ldr)));
  }
  return out;
}
