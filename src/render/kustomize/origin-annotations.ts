/** resWrangler.AddTransformerAnnotation and the end-of-build cleanup of origin annotations. */
import { ANN } from './annotations.ts';
import { originString, parseTransformations, transformationsString, type Origin } from './origin.ts';
import type { ResMap } from './resmap.ts';

export function addTransformerAnnotation(m: ResMap, origin: Origin): void {
  for (const r of m.list) {
    if (r.getAnnotation(ANN.origin) === undefined) {
      r.setAnnotation(ANN.origin, originString(origin));
      continue;
    }
    const cur = r.getAnnotation(ANN.transformations);
    const list = cur === undefined ? [] : parseTransformations(cur);
    list.push(origin);
    r.setAnnotation(ANN.transformations, transformationsString(list));
  }
}
