/** `commonLabels:`, `labels:` and `commonAnnotations:` — LabelTransformer and AnnotationsTransformer. */
import { KustomizeError } from '../errors.ts';
import { applyFieldSpec, isMap } from '../fieldspec.ts';
import type { FieldSpec } from '../kustomization.ts';
import type { ResMap } from '../resmap.ts';
import type { Transformer } from './transformer.ts';

export function mapEntriesTransformer(
  kind: 'LabelTransformer' | 'AnnotationsTransformer',
  entries: Record<string, string>,
  fieldSpecs: FieldSpec[],
): Transformer {
  const keys = Object.keys(entries).sort();
  return {
    name: kind,
    transform(m: ResMap): void {
      if (keys.length === 0) return;
      for (const r of m.resources()) {
        for (const k of keys) {
          for (const fs of fieldSpecs) {
            applyFieldSpec(
              r.obj,
              fs,
              (c, key) => {
                const target = (c as Record<string | number, unknown>)[key];
                if (!isMap(target)) {
                  throw new KustomizeError(
                    `wrong node kind: expected MappingNode but got ${Array.isArray(target) ? 'SequenceNode' : 'ScalarNode'}`,
                  );
                }
                target[k] = entries[k]!;
              },
              'map',
            );
          }
        }
        r.step(kind);
      }
    },
  };
}
