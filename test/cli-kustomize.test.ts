// `capstan kustomize build` as users run it: the binary on a directory, compared with the real
// `kubectl kustomize` on the same input; failures exit non-zero with the reason on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../bin/capstan.js', import.meta.url).pathname;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'capstan-cli-k-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const files = {
  'base/kustomization.yaml':
    'resources: [app.yaml]\nconfigMapGenerator:\n- name: env\n  literals: [MODE=yes, PORT="8080"]\n',
  'base/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        image: registry.example.com/app:1.0
        envFrom:
        - configMapRef:
            name: env
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  ports:
  - port: 80
`,
  'prod/kustomization.yaml':
    'resources: [../base]\nnamePrefix: prod-\nnamespace: prod\ncommonLabels:\n  env: prod\n',
  'shared/patch.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 3\n',
  'strict/kustomization.yaml': 'resources: [../base]\npatches:\n- path: ../shared/patch.yaml\n',
};

test('capstan kustomize build prints exactly what kubectl kustomize prints', async (t) => {
  const root = tree(files);
  const env = { ...process.env, HOME: root };
  t.after(() => rmSync(root, { recursive: true }));
  const theirs = await run('kubectl', ['kustomize', join(root, 'prod')], { env });
  const ours = await run(process.execPath, [bin, 'kustomize', 'build', join(root, 'prod')], { env });
  assert.equal(ours.stdout, theirs.stdout);
  assert.match(ours.stdout, /name: prod-env-/);
  // Deprecation warnings go to stderr, as kubectl prints them.
  const warnings = (s: string): string[] => s.split('\n').filter((l) => l.startsWith('# Warning'));
  assert.deepEqual(warnings(ours.stderr), warnings(theirs.stderr));
  assert.equal(warnings(ours.stderr).length, 1);
});

test("the load restrictor flag works as kubectl's, and failures exit non-zero with a message", async (t) => {
  const root = tree(files);
  const env = { ...process.env, HOME: root };
  t.after(() => rmSync(root, { recursive: true }));
  await assert.rejects(
    run(process.execPath, [bin, 'kustomize', 'build', join(root, 'strict')], { env }),
    (err: Error & { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr ?? '', /security; file '.*patch\.yaml' is not in or below/);
      return true;
    },
  );
  const relaxed = await run(
    process.execPath,
    [bin, 'kustomize', 'build', '--load-restrictor', 'LoadRestrictionsNone', join(root, 'strict')],
    { env },
  );
  const kubectl = await run(
    'kubectl',
    ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', join(root, 'strict')],
    { env },
  );
  assert.equal(relaxed.stdout, kubectl.stdout);
  await assert.rejects(
    run(process.execPath, [bin, 'kustomize', 'build', '--load-restrictor', 'Nope', root], { env }),
    /must be one of LoadRestrictionsRootOnly, LoadRestrictionsNone/,
  );
  await assert.rejects(
    run(process.execPath, [bin, 'kustomize', 'build', join(root, 'absent')], { env }),
    (err: Error & { code?: number; stderr?: string }) => {
      assert.notEqual(err.code, 0);
      assert.match(err.stderr ?? '', /absent/);
      return true;
    },
  );
});
