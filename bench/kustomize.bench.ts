// `capstan kustomize build` against `kubectl kustomize` (kustomize v5.5.0) as whole processes,
// side by side on the same generated overlays (N apps, each a Deployment, a Service and a
// ConfigMap generator, under namePrefix, namespace, labels, annotations, images and patches).
// Outputs must be byte-identical; figures are wall time, the ratio, and peak RSS (GNU time).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResult } from './run.ts';
import { fmt } from './measure.ts';
import { writeOverlay } from './kustomize-overlay.ts';

const exec = promisify(execFile);
const bin = new URL('../bin/capstan.js', import.meta.url).pathname;
const SIZES = [100, 200, 400, 800];
const RUNS = 3;

interface Sample {
  seconds: number;
  /** user + system CPU seconds: steadier than wall time on a busy machine. */
  cpu: number;
  rssMiB: number;
  stdout: string;
}

/** Runs a command under GNU time; returns the best of RUNS wall times and its peak RSS. */
async function measure(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<Sample> {
  let best: Sample | undefined;
  for (let i = 0; i < RUNS; i++) {
    const { stdout, stderr } = await exec('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], {
      env,
      signal,
      maxBuffer: 512 << 20,
    });
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
    if (!m) throw new Error(`no timing from /usr/bin/time: ${stderr.slice(-500)}`);
    const s = {
      seconds: Number(m[1]),
      cpu: Number(m[2]) + Number(m[3]),
      rssMiB: Math.round(Number(m[4]) / 1024),
      stdout,
    };
    if (!best || s.seconds < best.seconds) best = s;
  }
  return best!;
}

export async function run(options: { signal: AbortSignal }): Promise<BenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'capstan-kbench-'));
  const env = { ...process.env, HOME: root };
  const lines: string[] = [];
  try {
    // Warm the compile cache once, as any second invocation of the CLI would find it.
    const warm = writeOverlay(join(root, 'warm'), 2);
    await exec(process.execPath, [bin, 'kustomize', 'build', warm], { env });
    for (const n of SIZES) {
      const overlay = writeOverlay(join(root, `n${n}`), n);
      const kubectl = await measure('kubectl', ['kustomize', overlay], env, options.signal);
      const capstan = await measure(
        process.execPath,
        [bin, 'kustomize', 'build', overlay],
        env,
        options.signal,
      );
      const same = kubectl.stdout === capstan.stdout;
      lines.push(
        `${n} apps (${n * 3} resources): kubectl ${fmt(kubectl.seconds, 2)} s (cpu ${fmt(kubectl.cpu, 2)} s), ${kubectl.rssMiB} MiB | ` +
          `capstan ${fmt(capstan.seconds, 2)} s (cpu ${fmt(capstan.cpu, 2)} s), ${capstan.rssMiB} MiB | ` +
          `${fmt(kubectl.seconds / capstan.seconds, 1)}x faster (cpu ${fmt(kubectl.cpu / capstan.cpu, 1)}x) | ` +
          `output ${same ? 'identical' : 'DIFFERS'} (${fmt(capstan.stdout.length / 1024)} KiB)`,
      );
      if (!same) throw new Error(`capstan and kubectl outputs differ at ${n} apps (kept in ${overlay})`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return {
    name: `kustomize build, whole process, best of ${RUNS} (kubectl kustomize v5.5.0 vs capstan)`,
    lines,
  };
}
