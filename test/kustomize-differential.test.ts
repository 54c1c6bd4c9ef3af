// Differential test: generated kustomizations built by Capstan and by the real `kubectl
// kustomize` (kustomize v5.5.0) must print the same bytes. Seeds are fixed, so a failure is
// reproducible; the case count is bounded to keep the suite quick (one kubectl run per case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kustomizeBuild } from '../src/render/index.ts';
import { generateCase } from './helpers/kustomize-gen.ts';

const run = promisify(execFile);
const CASES = 40;

test(`capstan kustomize matches kubectl kustomize on ${CASES} generated kustomizations`, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-kdiff-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const env = { ...process.env, HOME: root, KUBECONFIG: join(root, 'none') };
  const failures: string[] = [];
  for (let seed = 1; seed <= CASES; seed++) {
    const c = generateCase(join(root, `case-${seed}`), seed);
    let expected: string;
    let kubectlError: string | undefined;
    try {
      expected = (await run('kubectl', ['kustomize', c.dir], { env, maxBuffer: 64 << 20 })).stdout;
    } catch (err) {
      expected = '';
      kubectlError = (err as { stderr?: string }).stderr ?? String(err);
    }
    let actual: string | undefined;
    let ours: string | undefined;
    try {
      actual = (await kustomizeBuild(c.dir)).yaml;
    } catch (err) {
      ours = err instanceof Error ? err.message : String(err);
    }
    if (kubectlError !== undefined) {
      if (ours === undefined)
        failures.push(
          `seed ${seed} [${c.features.join(', ')}]: kubectl failed (${kubectlError}) but capstan succeeded`,
        );
      continue;
    }
    if (ours !== undefined) failures.push(`seed ${seed} [${c.features.join(', ')}]: capstan failed: ${ours}`);
    else if (actual !== expected) {
      failures.push(
        `seed ${seed} [${c.features.join(', ')}]: output differs\n--- capstan\n${actual}\n--- kubectl\n${expected}`,
      );
    }
  }
  t.diagnostic(
    `differential: ${CASES - failures.length}/${CASES} generated kustomizations identical to kubectl`,
  );
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
