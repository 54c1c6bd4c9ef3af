// The seed-document reader the CRD end-to-end suite relies on: fenced, labelled and flattened
// YAML, with indentation restored from the schemas. No cluster needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argocdCrds } from '../src/controllers/argocd/index.ts';
import { fluxCrds } from '../src/controllers/flux/index.ts';
import { extractSeedDocuments, schemaLookup } from './support/seed-documents.ts';

const lookup = schemaLookup([...argocdCrds(), ...fluxCrds()]);

test('fenced and yaml-labelled blocks give one document per ---, with their line numbers', () => {
  const text = [
    'Intro',
    '```yaml',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: a}',
    '---',
    '# second',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: b}',
    '```',
    'yaml',
    'apiVersion: source.toolkit.fluxcd.io/v1',
    'kind: GitRepository',
    'metadata:',
    '  name: c',
    '',
    'spec:',
    '  interval: 1m',
    'Next section',
    'bash',
    'kubectl apply -f x.yaml',
  ].join('\n');
  const { documents, problems } = extractSeedDocuments('t.txt', text, lookup);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    documents.map((d) => [d.source, (d.object['metadata'] as { name: string }).name, d.reindented]),
    [
      ['t.txt:3', 'a', false],
      ['t.txt:7', 'b', false],
      ['t.txt:13', 'c', false],
    ],
  );
  assert.deepEqual(documents[2]!.object['spec'], { interval: '1m' });
});

test('flattened YAML is re-nested by the schema; prose glued to the last line is cut off', () => {
  const text = [
    'Вариант 2:',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    'name: web',
    'namespace: argocd',
    'spec:',
    '# Откуда',
    'source:',
    "repoURL: 'https://github.com/x/y'",
    'path: apps/web',
    'destination:',
    'server: https://kubernetes.default.svc',
    'namespace: production',
    'ignoreDifferences:',
    '- group: apps',
    'kind: Deployment',
    'jsonPointers:',
    '- /spec/replicas',
    'syncPolicy:',
    'automated:',
    'prune: true # Удалять',
    'syncOptions:',
    '- CreateNamespace=trueПрименяем:',
    'kubectl apply -f app.yaml',
    '---',
    'apiVersion: image.toolkit.fluxcd.io/v1beta1',
    'kind: ImageUpdateAutomation',
    'metadata:',
    'name: auto',
    'spec:',
    'git:',
    'checkout:',
    'ref:',
    'branch: main',
    'commit:',
    'author:',
    'email: flux@example.com',
    'update:',
    'strategy: SettersТеперь',
  ].join('\n');
  const { documents, problems } = extractSeedDocuments('t.txt', text, lookup);
  assert.deepEqual(problems, []);
  assert.equal(documents.length, 2);
  assert.ok(documents.every((d) => d.reindented));
  assert.deepEqual(documents[0]!.object, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: {
      source: { repoURL: 'https://github.com/x/y', path: 'apps/web' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'production' },
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  });
  // `commit:` opens a block, so it is the automation's commit, not the Git ref's commit SHA.
  assert.deepEqual(documents[1]!.object['spec'], {
    git: { checkout: { ref: { branch: 'main' } }, commit: { author: { email: 'flux@example.com' } } },
    update: { strategy: 'Setters' },
  });
});

test('a flattened line that fits no mapping is reported, not guessed', () => {
  const text = [
    'apiVersion: source.toolkit.fluxcd.io/v1',
    'kind: GitRepository',
    'metadata:',
    'name: x',
    'spec:',
    'bogus:',
    'a: b',
  ].join('\n');
  const { documents, problems } = extractSeedDocuments('t.txt', text, lookup);
  assert.deepEqual(documents, []);
  assert.deepEqual(problems, ['t.txt:1: "bogus" fits no open mapping']);
});
