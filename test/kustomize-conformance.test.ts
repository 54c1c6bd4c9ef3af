// Runs the 150 kustomize v5.5.0 conformance cases (shared/conformance/kustomize, converted from
// kustomize's own krusty tests) in place through Capstan's native kustomize: output must match
// expected.yaml byte for byte, failures must fail with the expected message fragments.
//
// The cases build with kustomize's test-harness settings: FIFO order (the harness does not
// reorder; one case asks for legacy order), the case's `fs/` folder as the file system root (the
// harness builds in an in-memory file system whose `/..` is `/`). Merge keys for strategic merge
// patches come from the kube module's built-in type schema, as in production.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kustomizeBuild, type LoadRestrictor } from '../src/render/index.ts';
import { sharedDir } from './helpers/shared.ts';

interface Case {
  dir: string;
  runPath: string;
  expectError: boolean;
  errorSubstrings?: string[];
  options: { loadRestrictor?: LoadRestrictor; enableAlphaPlugins?: boolean; reorder?: string };
}

const base = join(sharedDir(), 'conformance', 'kustomize');
const cases = JSON.parse(readFileSync(join(base, 'index.json'), 'utf8')) as Case[];

async function runCase(c: Case): Promise<string | undefined> {
  const fs = join(base, c.dir, 'fs');
  let out: string | undefined;
  let err: string | undefined;
  try {
    const r = await kustomizeBuild(join(fs, c.runPath), {
      loadRestrictor: c.options.loadRestrictor ?? 'LoadRestrictionsRootOnly',
      enableAlphaPlugins: c.options.enableAlphaPlugins === true,
      reorder: c.options.reorder === 'legacy' ? 'legacy' : 'none',
      fsRoot: fs,
    });
    out = r.yaml;
  } catch (e) {
    // Error substrings name paths relative to the case's fs/ folder.
    err = (e instanceof Error ? e.message : String(e)).split(fs).join('');
  }
  if (c.expectError) {
    if (err === undefined) return 'expected an error, got output';
    const missing = (c.errorSubstrings ?? []).filter((s) => !err.includes(s));
    return missing.length ? `error ${JSON.stringify(err)} lacks ${JSON.stringify(missing)}` : undefined;
  }
  if (err !== undefined) return `unexpected error: ${err}`;
  const expected = readFileSync(join(base, c.dir, 'expected.yaml'), 'utf8');
  return out === expected ? undefined : `output differs:\n--- got\n${out}\n--- expected\n${expected}`;
}

test(`kustomize conformance: all ${cases.length} cases`, async (t) => {
  const failures: string[] = [];
  for (const c of cases) {
    const problem = await runCase(c);
    if (problem) failures.push(`${c.dir}: ${problem}`);
  }
  t.diagnostic(`kustomize conformance: ${cases.length - failures.length}/${cases.length} passed`);
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
