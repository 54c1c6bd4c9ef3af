/** The Flux list and stream filters of docs/api.md §9. */
import type { KubeObject } from '../../core/index.ts';
import { many, one, oneOf, type Query } from '../query/params.ts';
import { parseLabelSelector } from '../query/selector.ts';
import { FLUX_HEALTH_VALUES, fluxHealth } from './health.ts';

export function fluxFilter(query: Query): (obj: KubeObject) => boolean {
  const namespaces = many(query, 'namespace');
  const selectorText = one(query, 'selector');
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  const search = one(query, 'search')?.toLowerCase();
  const health = oneOf(many(query, 'health'), FLUX_HEALTH_VALUES, 'health');
  const name = one(query, 'name');
  return (obj) => {
    const ns = obj.metadata.namespace ?? '';
    if (namespaces.length && !namespaces.includes(ns)) return false;
    if (selector && !selector(obj.metadata.labels ?? {})) return false;
    if (search && !`${ns}/${obj.metadata.name ?? ''}`.toLowerCase().includes(search)) return false;
    if (health.length && !health.includes(fluxHealth(obj))) return false;
    if (name !== undefined && obj.metadata.name !== name) return false;
    return true;
  };
}
