import { KustomizeError } from './errors.ts';
import type { Var } from './kustomization.ts';

/** VarSet.MergeSet: vars from a base join the parent's; a name may appear only once. */
export function mergeVarSet(ra: { vars: Var[] }, incoming: Var[]): void {
  for (const v of incoming) {
    if (ra.vars.some((x) => x.name === v.name))
      throw new KustomizeError(`var '${v.name}' already encountered`);
    ra.vars.push(v);
  }
}
