import type { ResMap } from '../resmap.ts';

/** One built-in kustomize transformer, configured; `transform` edits the resource map in place. */
export interface Transformer {
  /** Shown in origin traces: `NamespaceTransformer`, `PatchTransformer(patch.yaml)`, … */
  readonly name: string;
  /** Edits the map; patch transformers are asynchronous (they may load type schemas). */
  transform(m: ResMap): void | Promise<void>;
}
