import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applicationSources,
  hasMultipleSources,
  isAutomatedSyncEnabled,
  projectOf,
  revisionHistoryLimitOf,
} from './application-defaults.ts';

const a = { repoURL: 'https://example.com/a.git', path: 'a' };
const b = { repoURL: 'https://example.com/b.git', ref: 'values' };

test('an empty or missing project is default; the history limit defaults to 10', () => {
  assert.equal(projectOf({}), 'default');
  assert.equal(projectOf({ project: '' }), 'default');
  assert.equal(projectOf({ project: 'prod' }), 'prod');
  assert.equal(revisionHistoryLimitOf({}), 10);
  assert.equal(revisionHistoryLimitOf({ revisionHistoryLimit: 0 }), 0);
});

test('automated sync is on with an automated block unless it says enabled: false', () => {
  const table: [Parameters<typeof isAutomatedSyncEnabled>[0], boolean][] = [
    [undefined, false],
    [{}, false],
    [{ syncOptions: ['CreateNamespace=true'] }, false],
    [{ automated: {} }, true],
    [{ automated: { prune: true, selfHeal: true } }, true],
    [{ automated: { enabled: true } }, true],
    [{ automated: { enabled: false, prune: true } }, false],
  ];
  for (const [policy, want] of table)
    assert.equal(isAutomatedSyncEnabled(policy), want, JSON.stringify(policy));
});

test('sources: sources win over source when non-empty; a hydrator syncs from its branch', () => {
  assert.deepEqual(applicationSources({}), []);
  assert.deepEqual(applicationSources({ source: a }), [a]);
  assert.deepEqual(applicationSources({ source: a, sources: [] }), [a]);
  assert.equal(hasMultipleSources({ sources: [b] }), true);
  assert.deepEqual(applicationSources({ source: a, sources: [b, a] }), [b, a]);
  const sourceHydrator = {
    drySource: { repoURL: 'https://example.com/dry.git', targetRevision: 'main', path: 'app' },
    syncSource: { targetBranch: 'env/prod', path: 'out' },
  };
  assert.equal(hasMultipleSources({ sources: [b], sourceHydrator }), false);
  assert.deepEqual(applicationSources({ sources: [b], sourceHydrator }), [
    { repoURL: 'https://example.com/dry.git', path: 'out', targetRevision: 'env/prod' },
  ]);
});
