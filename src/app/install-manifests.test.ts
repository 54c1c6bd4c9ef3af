import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { installManifests, installManifestsText } from './install-manifests.ts';

test('install --crds prints every Argo CD and Flux CRD as YAML documents, then as one JSON List', () => {
  const names = installManifests({ crdsOnly: true }).map((o) => o.metadata.name);
  assert.equal(names.length, 16);
  assert.ok(names.includes('applications.argoproj.io'));
  assert.ok(names.includes('helmreleases.helm.toolkit.fluxcd.io'));
  const docs = parseAllDocuments(installManifestsText({ crdsOnly: true }));
  assert.deepEqual(
    docs.map((d) => (d.toJS() as { metadata: { name: string } }).metadata.name),
    names,
  );
  const list = JSON.parse(installManifestsText({ crdsOnly: true, output: 'json' })) as {
    kind: string;
    items: unknown[];
  };
  assert.equal(list.kind, 'List');
  assert.equal(list.items.length, 16);
});

test('the full manifests are not available yet, and say so', () => {
  assert.throws(() => installManifests({}), /only the CRDs \(--crds\) can be printed so far/);
});
