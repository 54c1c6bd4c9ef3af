/** `namePrefix:` / `nameSuffix:` — PrefixTransformer and SuffixTransformer. */
import { applyFieldSpec } from '../fieldspec.ts';
import type { FieldSpec } from '../kustomization.ts';
import { gvkSelected } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import { scalarText } from '../resource.ts';
import { setScalarText } from '../set-scalar.ts';
import type { Transformer } from './transformer.ts';

const SKIP = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

export function prefixSuffixTransformer(
  which: 'prefix' | 'suffix',
  affix: string,
  fieldSpecs: FieldSpec[],
): Transformer {
  const name = which === 'prefix' ? 'PrefixTransformer' : 'SuffixTransformer';
  return {
    name,
    transform(m: ResMap): void {
      for (const r of m.resources()) {
        const id = r.orgId();
        if (SKIP.some((s) => gvkSelected(id, s))) continue;
        for (const fs of fieldSpecs) {
          if (!gvkSelected(id, fs)) continue;
          if (fs.path === 'metadata/name') {
            if (which === 'prefix') r.addNamePrefix(affix);
            else r.addNameSuffix(affix);
            if (affix !== '') r.storePreviousId();
          }
          applyFieldSpec(
            r.obj,
            fs,
            (c, k) => {
              const cur = scalarText((c as Record<string | number, unknown>)[k]);
              setScalarText(c, k, which === 'prefix' ? affix + cur : cur + affix);
            },
            'scalar',
          );
        }
        r.step(`${name}(${affix})`);
      }
    },
  };
}
