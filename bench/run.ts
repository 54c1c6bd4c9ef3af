// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn and
// prints their figures. Benchmarks measure ratios against a reference run side by side, plus memory.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  /** Human-readable figures, one line each. */
  lines: string[];
}

export interface BenchModule {
  run(options: { signal: AbortSignal }): Promise<BenchResult>;
}

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const signal = AbortSignal.timeout(60 * 60 * 1000);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
  const started = performance.now();
  const result = await mod.run({ signal });
  console.log(`\n## ${result.name}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (const line of result.lines) console.log(`  ${line}`);
}
