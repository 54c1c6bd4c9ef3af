// A list that stays current: loads every page, then applies the stream's events (batched, so a
// burst of 1000 changes renders a few times, not 1000). On any drop it re-lists and re-streams
// (api/watch.ts). `key` names the query; a new key starts over.
import { useEffect, useEffectEvent, useState } from 'react';
import { runWatchLoop, type KubeObject, type List, type LiveState, type WatchEvent } from '../api/index.ts';
import { applyEvents, objectKey } from '../model/object-map.ts';

export interface LiveListSource<T> {
  loadPage: (continueToken: string | undefined, signal: AbortSignal) => Promise<List<T>>;
  stream: (
    resourceVersion: string,
    onEvent: (e: WatchEvent<T>) => void,
    signal: AbortSignal,
    onOpen: () => void,
  ) => Promise<void>;
}

export interface LiveList<T> {
  items: ReadonlyMap<string, T>;
  /** True until the first complete listing has arrived. */
  loading: boolean;
  state: LiveState;
  error: unknown;
}

interface Snapshot<T> {
  key: string;
  items: Map<string, T>;
  loaded: boolean;
  state: LiveState;
  error?: unknown;
}

const EMPTY = new Map<string, never>();
const FLUSH_MS = 250;

export function useLiveList<T extends KubeObject>(
  key: string | undefined,
  source: LiveListSource<T>,
): LiveList<T> {
  const [snap, setSnap] = useState<Snapshot<T>>();
  const loadPage = useEffectEvent(source.loadPage);
  const stream = useEffectEvent(source.stream);

  useEffect(() => {
    if (key === undefined) return;
    const ac = new AbortController();
    let pending: WatchEvent<T>[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loadedOnce = false;
    const flush = (): void => {
      timer = undefined;
      const events = pending;
      pending = [];
      setSnap((s) => (s && s.key === key ? { ...s, items: applyEvents(s.items, events) } : s));
    };
    void runWatchLoop({
      signal: ac.signal,
      onState: (state, error) =>
        setSnap((s) => ({
          key,
          items: s?.key === key ? s.items : new Map<string, T>(),
          loaded: s?.key === key && s.loaded,
          state,
          error,
        })),
      load: async (signal) => {
        const items = new Map<string, T>();
        let resourceVersion = '';
        let token: string | undefined;
        do {
          const page = await loadPage(token, signal);
          if (token === undefined) resourceVersion = page.metadata?.resourceVersion ?? '';
          for (const item of page.items ?? []) items.set(objectKey(item), item);
          token = page.metadata?.continue || undefined;
          // The first listing shows page by page; a re-list replaces the list only when complete,
          // so that a reconnect does not make the list shrink and grow back.
          if (!loadedOnce || token === undefined) {
            const snapshot = new Map<string, T>(items);
            const done = token === undefined;
            setSnap((s) => ({
              key,
              items: snapshot,
              loaded: done || (s?.key === key && s.loaded),
              state: s?.state ?? 'connecting',
            }));
          }
        } while (token !== undefined);
        loadedOnce = true;
        pending = [];
        return resourceVersion;
      },
      stream: (resourceVersion, signal, onOpen) =>
        stream(
          resourceVersion,
          (event) => {
            pending.push(event);
            timer ??= setTimeout(flush, FLUSH_MS);
          },
          signal,
          onOpen,
        ),
    });
    return () => {
      ac.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key]);

  const current = snap?.key === key ? snap : undefined;
  return {
    items: current?.items ?? EMPTY,
    loading: key !== undefined && !current?.loaded,
    state: current?.state ?? 'connecting',
    error: current?.error,
  };
}
