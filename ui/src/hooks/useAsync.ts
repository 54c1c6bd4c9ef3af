// Loads something for a view and reloads it on demand. `key` names what is loaded: when it
// changes the old request is aborted; while the same key reloads, the last data stays on screen.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  tick: number;
  data?: T;
  error?: unknown;
}

export function useAsync<T>(
  key: string | undefined,
  load: (signal: AbortSignal) => Promise<T>,
): AsyncState<T> {
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (key === undefined) return;
    const ac = new AbortController();
    run(ac.signal).then(
      (data) => setSettled({ key, tick, data }),
      (error: unknown) => {
        if (!ac.signal.aborted) setSettled({ key, tick, error });
      },
    );
    return () => ac.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const sameKey = settled !== undefined && settled.key === key;
  const current = sameKey && settled.tick === tick;
  return {
    data: sameKey ? settled.data : undefined,
    error: current ? settled.error : undefined,
    loading: key !== undefined && !current,
    reload,
  };
}
