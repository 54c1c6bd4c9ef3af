import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError } from '../../core/index.ts';
import { kustomizeBuild } from './build.ts';
import type { RemoteFetcher, RemoteRef } from './remote.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'capstan-kb-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        envFrom:
        - configMapRef:
            name: settings
`;

test('every resource records the file it came from and the steps that changed it', async (t) => {
  const root = tree({
    'base/deploy.yaml': deploy,
    'base/kustomization.yaml':
      'resources: [deploy.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [A=1]\n',
    'prod/kustomization.yaml':
      'resources: [../base]\nnamePrefix: prod-\nimages:\n- name: nginx\n  newTag: "1.27"\n',
  });
  t.after(() => rmSync(root, { recursive: true }));
  const r = await kustomizeBuild(join(root, 'prod'), { reorder: 'none' });
  const [d, cm] = r.resources;
  assert.equal(d!.source, '../base/deploy.yaml');
  assert.deepEqual(d!.steps, [
    'PrefixTransformer(prod-)',
    'ImageTagTransformer(nginx)',
    'NameReferenceTransformer(spec/template/spec/containers/envFrom/configMapRef/name: settings → prod-settings-89g4tffbfk)',
  ]);
  assert.equal(cm!.source, '../base/kustomization.yaml');
  assert.deepEqual(cm!.steps, ['ConfigMapGenerator', 'PrefixTransformer(prod-)']);
  assert.match(r.yaml, /name: prod-settings-89g4tffbfk/);
});

test('remote bases are fetched through the injected fetcher', async (t) => {
  const checkout = tree({
    'deploy/base/kustomization.yaml': 'resources: [d.yaml]\n',
    'deploy/base/d.yaml': deploy,
  });
  const overlay = tree({
    'kustomization.yaml': 'resources:\n- https://github.com/org/repo//deploy/base?ref=v1\nnamespace: prod\n',
  });
  t.after(() => rmSync(checkout, { recursive: true }));
  t.after(() => rmSync(overlay, { recursive: true }));
  const asked: RemoteRef[] = [];
  const remote: RemoteFetcher = {
    fetch: (ref) => {
      asked.push(ref);
      return Promise.resolve(checkout);
    },
  };
  const r = await kustomizeBuild(overlay, { remote });
  assert.deepEqual(
    asked.map((a) => [a.repo, a.path, a.ref]),
    [['https://github.com/org/repo', 'deploy/base', 'v1']],
  );
  assert.match(r.yaml, /namespace: prod/);
  await assert.rejects(kustomizeBuild(overlay), /no remote fetcher configured/);
});

test("failures say what and where, in kustomize's words", async (t) => {
  const root = tree({
    'kustomization.yaml': 'resources: [missing.yaml]\n',
    'restricted/kustomization.yaml': 'patches:\n- path: ../outside.yaml\nresources: []\n',
    'outside.yaml': deploy,
    'helm/kustomization.yaml': 'helmCharts:\n- name: x\n',
    'empty/README': '',
  });
  t.after(() => rmSync(root, { recursive: true }));
  await assert.rejects(
    kustomizeBuild(root),
    /^Error: accumulating resources: accumulation err='accumulating resources from 'missing\.yaml'|accumulating resources/,
  );
  await assert.rejects(
    kustomizeBuild(join(root, 'restricted')),
    /security; file '.*outside\.yaml' is not in or below/,
  );
  await assert.rejects(kustomizeBuild(join(root, 'helm')), /helmCharts are not yet supported/);
  await assert.rejects(
    kustomizeBuild(join(root, 'empty')),
    /unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization'/,
  );
});

test('an aborted signal stops the build', async (t) => {
  const root = tree({ 'kustomization.yaml': 'resources: []\nnamePrefix: x-\n' });
  t.after(() => rmSync(root, { recursive: true }));
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(kustomizeBuild(root, { signal: ac.signal }), AbortedError);
});
