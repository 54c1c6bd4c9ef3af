// Shared helpers for benchmarks: timing loops and memory readings.

/** Runs `fn` repeatedly for about `ms` milliseconds and returns operations per second. */
export async function opsPerSecond(
  fn: () => unknown,
  ms = 1000,
): Promise<{ ops: number; perSecond: number }> {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 16; i++) await fn();
    ops += 16;
    elapsed = performance.now() - start;
  }
  return { ops, perSecond: (ops * 1000) / elapsed };
}

/** Resident set size and heap in MiB, rounded. */
export function memoryMiB(): { rss: number; heap: number } {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1048576), heap: Math.round(m.heapUsed / 1048576) };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
