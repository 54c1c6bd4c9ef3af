// One object kept current: GET it, then stream its changes; re-GET after any drop.
import { useEffect, useEffectEvent, useState } from 'react';
import { runWatchLoop, type LiveState } from '../api/index.ts';

export interface LiveObjectSource<T> {
  load: (signal: AbortSignal) => Promise<T>;
  /** Streams changes; calls `onChange(undefined)` when the object is deleted. */
  stream: (onChange: (obj: T | undefined) => void, signal: AbortSignal, onOpen: () => void) => Promise<void>;
}

export interface LiveObject<T> {
  data: T | undefined;
  deleted: boolean;
  state: LiveState;
  error: unknown;
}

interface Snapshot<T> {
  key: string;
  data?: T | undefined;
  deleted: boolean;
  state: LiveState;
  error?: unknown;
}

export function useLiveObject<T>(key: string, source: LiveObjectSource<T>): LiveObject<T> {
  const [snap, setSnap] = useState<Snapshot<T>>();
  const load = useEffectEvent(source.load);
  const stream = useEffectEvent(source.stream);

  useEffect(() => {
    const ac = new AbortController();
    const update = (patch: Partial<Snapshot<T>>): void =>
      setSnap((s) => ({
        ...(s?.key === key ? s : { deleted: false, state: 'connecting' as LiveState }),
        ...patch,
        key,
      }));
    void runWatchLoop({
      signal: ac.signal,
      onState: (state, error) => update({ state, error }),
      load: async (signal) => {
        const data = await load(signal);
        update({ data, deleted: false });
        return '';
      },
      stream: (_rv, signal, onOpen) =>
        stream(
          (data) => update(data === undefined ? { deleted: true } : { data, deleted: false }),
          signal,
          onOpen,
        ),
    });
    return () => ac.abort();
  }, [key]);

  const current = snap?.key === key ? snap : undefined;
  return {
    data: current?.data,
    deleted: current?.deleted ?? false,
    state: current?.state ?? 'connecting',
    error: current?.error,
  };
}
