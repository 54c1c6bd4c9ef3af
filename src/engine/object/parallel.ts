/**
 * Bounded parallelism for API calls (Flux's `--concurrent-ssa`, Argo CD's
 * `--server-side-diff-concurrency`): `fn` runs for every item with at most `limit` in flight,
 * results keep the input order. A rejection stops new work and is re-thrown once running calls end.
 */
import { throwIfAborted } from '../../core/index.ts';

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failed) {
      throwIfAborted(signal);
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
  return out;
}
