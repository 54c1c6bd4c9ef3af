import { badRequest, expired, type StatusBody } from '../errors.ts';
import { parseFieldSelector } from '../select/fields.ts';
import { parseLabelSelector } from '../select/labels.ts';
import type { EventType, StoreEvent, StoredObject } from '../storage/store.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';

export interface WatchParams {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Unset or `0`: start with the current objects as ADDED; `N`: every change after N. */
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  /** End cleanly after this long; the server's own limit applies otherwise. */
  timeoutSeconds?: number;
}

/** Where a watch's events go: an HTTP stream or an in-process iterator. */
export interface WatchSink {
  /** A change, with the object in its stored version. */
  event(type: EventType, object: StoredObject): void;
  /** The watch has seen everything up to `rv`. */
  bookmark(rv: number, initialEventsEnd: boolean): void;
  /** A terminal error (410 Expired); the watch closes right after. */
  error(status: StatusBody): void;
  /** The watch is over (timeout, error or `stop()`); called once. */
  close(): void;
}

export interface WatchHandle {
  stop(): void;
}

/**
 * Starts a watch. Selector errors throw before anything is sent; everything after that is
 * reported through the sink, never thrown, so an HTTP watch never fails mid-stream.
 * Registration is synchronous with the initial listing, so no change falls between them.
 */
export function startWatch(
  state: ServerState,
  info: ResourceInfo,
  params: WatchParams,
  sink: WatchSink,
): WatchHandle {
  const labels = parseLabelSelector(params.labelSelector);
  const fields = parseFieldSelector(params.fieldSelector, info);
  const filtered = labels.requirements.length > 0 || fields.requirements.length > 0;
  const matches = (o: StoredObject | undefined): boolean =>
    o !== undefined && (!filtered || (labels.matches(o.object.metadata.labels) && fields.matches(o.object)));
  const inNamespace = (ns: string) => params.namespace === undefined || params.namespace === ns;

  let closed = false;
  let unregister = () => {};
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    unregister();
    for (const t of timers) clearTimeout(t);
    sink.close();
  };

  const rvParam = params.resourceVersion ?? '';
  const fromState = rvParam === '' || rvParam === '0';
  let after = 0;
  if (!fromState) {
    after = Number(rvParam);
    if (!Number.isSafeInteger(after) || after < 0) {
      throw badRequest(
        `Invalid value: "${rvParam}": strconv.ParseUint: parsing "${rvParam}": invalid syntax`,
      );
    }
  }
  const initialEvents = params.sendInitialEvents ?? fromState;

  const deliver = (e: StoreEvent) => {
    if (closed || e.rv <= after || !inNamespace(e.namespace)) return;
    const now = matches(e.current);
    const before = e.type === 'MODIFIED' && matches(e.previous);
    try {
      if (e.type === 'ADDED') {
        if (now) sink.event('ADDED', e.current);
      } else if (e.type === 'DELETED') {
        if (matches(e.previous) || now) sink.event('DELETED', e.current);
      } else if (now && before) sink.event('MODIFIED', e.current);
      else if (now) sink.event('ADDED', e.current);
      else if (before) sink.event('DELETED', e.current);
    } catch {
      close();
    }
  };

  try {
    if (initialEvents) {
      for (const o of state.store.list(info.storageKey, params.namespace)) {
        if (matches(o)) sink.event('ADDED', o);
      }
      after = Math.max(after, state.store.rv);
      if (params.sendInitialEvents && params.allowWatchBookmarks) sink.bookmark(state.store.rv, true);
    } else if (after < state.store.rv) {
      if (!state.history.covers(after)) {
        sink.error(expired(`too old resource version: ${after} (${state.history.compactedRv + 1})`).status);
        close();
        return { stop: close };
      }
      for (const e of state.history.since(after, info.storageKey)) deliver(e);
    }
  } catch {
    // The stream has started: end it cleanly (the client re-watches) rather than fail it.
    close();
  }
  if (closed) return { stop: close };
  unregister = state.hub.add({ resource: info.storageKey, deliver });

  const timeoutMs =
    params.timeoutSeconds !== undefined && params.timeoutSeconds > 0
      ? params.timeoutSeconds * 1000
      : state.settings.watchTimeoutSeconds * 1000 * (1 + Math.random());
  timers.push(
    setTimeout(() => {
      // A last bookmark lets the client resume exactly where this stream ended.
      if (params.allowWatchBookmarks) sink.bookmark(state.store.rv, false);
      close();
    }, timeoutMs),
  );
  if (params.allowWatchBookmarks) {
    const tick = () => {
      if (closed) return;
      sink.bookmark(state.store.rv, false);
      timers[1] = setTimeout(tick, state.settings.bookmarkIntervalMs);
    };
    timers[1] = setTimeout(tick, state.settings.bookmarkIntervalMs);
  }
  return { stop: close };
}
