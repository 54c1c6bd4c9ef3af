// The two live lists behind the applications page: Argo Applications and Flux Kustomizations,
// each filtered on the server and kept current by its stream, merged into one sorted list.
import { useMemo } from 'react';
import {
  listApplications,
  listFlux,
  watchApplications,
  watchFlux,
  type Application,
  type Kustomization,
  type LiveState,
} from '../api/index.ts';
import { appQuery, fluxQuery, type AppFilters } from '../model/filters.ts';
import { appItem, compareItems, kustomizationItem, type ListItem } from '../model/list-items.ts';
import { useLiveList } from './useLiveList.ts';

/** Pages of 500 keep each response small while 1000 apps still load in two requests. */
const PAGE = 500;

export interface AppLists {
  items: ListItem[];
  loading: boolean;
  apps: { state: LiveState; error: unknown; enabled: boolean };
  flux: { state: LiveState; error: unknown; enabled: boolean };
}

export function useAppLists(filters: AppFilters, fluxEnabled: boolean): AppLists {
  const aq = appQuery(filters);
  const fq = fluxEnabled ? fluxQuery(filters) : undefined;

  const apps = useLiveList<Application>(aq && JSON.stringify(aq), {
    loadPage: (token, signal) =>
      listApplications({ ...aq, limit: PAGE, ...(token ? { continue: token } : {}) }, signal),
    stream: (resourceVersion, onEvent, signal, onOpen) =>
      watchApplications({ ...aq, resourceVersion, fields: true }, onEvent, signal, onOpen),
  });
  const ks = useLiveList<Kustomization>(fq && JSON.stringify(fq), {
    loadPage: (token, signal) =>
      listFlux<Kustomization>(
        'kustomizations',
        { ...fq, limit: PAGE, ...(token ? { continue: token } : {}) },
        signal,
      ),
    stream: (resourceVersion, onEvent, signal, onOpen) =>
      watchFlux<Kustomization>('kustomizations', { ...fq, resourceVersion }, onEvent, signal, onOpen),
  });

  const items = useMemo(() => {
    const out: ListItem[] = [];
    for (const a of apps.items.values()) out.push(appItem(a));
    for (const k of ks.items.values()) out.push(kustomizationItem(k));
    return out.sort(compareItems);
  }, [apps.items, ks.items]);

  return {
    items,
    loading: (aq !== undefined && apps.loading) || (fq !== undefined && ks.loading),
    apps: { state: apps.state, error: apps.error, enabled: aq !== undefined },
    flux: { state: ks.state, error: ks.error, enabled: fq !== undefined },
  };
}
