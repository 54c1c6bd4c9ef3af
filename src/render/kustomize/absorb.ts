/**
 * resWrangler.AbsorbAll: how generated resources join the build — appended when new, otherwise
 * merged into or replacing the object they name, as their `behavior` says.
 */
import { ANN } from './annotations.ts';
import { KustomizeError } from './errors.ts';
import { idEquals, resIdString } from './resid.ts';
import type { ResMap } from './resmap.ts';
import type { Resource } from './resource.ts';

export /** resWrangler.AbsorbAll: generated resources are appended, or merged/replaced by behavior. */
function absorbAll(m: ResMap, rs: Resource[]): void {
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
