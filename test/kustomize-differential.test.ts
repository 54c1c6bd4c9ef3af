// Differential test: generated kustomizations built by Capstan and by the real `kubectl
// kustomize` (kustomize v5.5.0) must print the same bytes. Seeds are fixed, so a failure is
// reproducible; the case count is bounded to keep the suite quick (one kubectl run per case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

test('components and generator merges match kubectl, including its type errors', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-kcomp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const env = { ...process.env, HOME: root, KUBECONFIG: join(root, 'none') };
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources: [cm.yaml, deploy.yaml]\n',
    'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  a: "1"\n',
    'base/deploy.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        envFrom:\n        - configMapRef: {name: conf}\n',
    'comp/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [extra.yaml]\nconfigMapGenerator:\n- name: conf\n  behavior: merge\n  literals: [b=2]\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec:\n      template:\n        spec:\n          containers:\n          - name: web\n            env:\n            - {name: FROM_COMPONENT, value: "yes"}\nlabels:\n- pairs: {component: "on"}\n',
    'comp/extra.yaml':
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  ports: [{port: 80}]\n',
    'overlay/kustomization.yaml': 'resources: [../base]\ncomponents: [../comp]\nnamePrefix: o-\n',
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  const overlay = join(root, 'overlay');
  const expected = (await run('kubectl', ['kustomize', overlay], { env })).stdout;
  assert.equal((await kustomizeBuild(overlay)).yaml, expected);
  // An unquoted `on` is a boolean to the kustomization reader: both refuse it.
  writeFileSync(
    join(root, 'comp/kustomization.yaml'),
    files['comp/kustomization.yaml']!.replace('"on"', 'on'),
  );
  await assert.rejects(
    run('kubectl', ['kustomize', overlay], { env }),
    /cannot unmarshal bool into Go struct field Label\.labels\.pairs of type string/,
  );
  await assert.rejects(
    kustomizeBuild(overlay),
    /cannot unmarshal bool into Go struct field Label\.labels\.pairs of type string/,
  );
});
