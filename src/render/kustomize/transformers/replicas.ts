/** `replicas:` — ReplicaCountTransformer. */
import { KustomizeError } from '../errors.ts';
import { applyFieldSpec } from '../fieldspec.ts';
import type { FieldSpec, Replica } from '../kustomization.ts';
import { gvkSelected, gvkString } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import type { Transformer } from './transformer.ts';

export function replicaCountTransformer(replica: Replica, fieldSpecs: FieldSpec[]): Transformer {
  return {
    name: 'ReplicaCountTransformer',
    transform(m: ResMap): void {
      let found = false;
      for (const fs of fieldSpecs) {
        const list = m.getMatchingByAnyId((id) => id.name === replica.name && gvkSelected(id, fs));
        if (list.length === 0) continue;
        found = true;
        for (const r of list) {
          applyFieldSpec(
            r.obj,
            fs,
            (c, k) => void ((c as Record<string | number, unknown>)[k] = replica.count),
            'scalar',
          );
          r.step(`ReplicaCountTransformer(${replica.count})`);
        }
      }
      if (!found) {
        const gvks = fieldSpecs.map((fs) =>
          gvkString({ group: fs.group ?? '', version: fs.version ?? '', kind: fs.kind ?? '' }),
        );
        throw new KustomizeError(
          `resource with name ${replica.name ?? ''} does not match a config with the following GVK [${gvks.join(' ')}]`,
        );
      }
    },
  };
}
