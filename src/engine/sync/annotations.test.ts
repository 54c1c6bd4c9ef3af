// Table tests for what users write in annotations: sync options, hooks, delete policies, waves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { hookDeletePolicies, hookTypes, isHook, isSkipped } from './hooks.ts';
import {
  effectiveSyncOptions,
  parseSyncOptions,
  resourceSyncOptions,
  type SyncOptionSet,
} from './options.ts';
import { deletionPhases, syncPhases } from './phases.ts';
import { syncWave } from './waves.ts';

const obj = (annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j', annotations },
});

const optionRows: [string[], SyncOptionSet][] = [
  [['Prune=false'], { prune: false }],
  [['Prune=confirm', 'Delete=confirm'], { prune: 'confirm', delete: 'confirm' }],
  [['Delete=false', 'PruneLast=true'], { delete: false, pruneLast: true }],
  [['Replace=true', 'Force=true'], { replace: true, force: true }],
  [['ServerSideApply=true'], { serverSideApply: true }],
  [['ServerSideApply=false'], { serverSideApply: false }],
  [
    ['Validate=false', 'SkipDryRunOnMissingResource=true'],
    { validate: false, skipDryRunOnMissingResource: true },
  ],
  [['CreateNamespace=true', 'ApplyOutOfSyncOnly=true'], { createNamespace: true, applyOutOfSyncOnly: true }],
  [
    ['FailOnSharedResource=true', 'RespectIgnoreDifferences=true'],
    { failOnSharedResource: true, respectIgnoreDifferences: true },
  ],
  [['PrunePropagationPolicy=background'], { prunePropagationPolicy: 'background' }],
  [['ClientSideApplyMigration=false'], { clientSideApplyMigration: false }],
  [[' Prune=false ', ''], { prune: false }],
  [['Prune=maybe', 'Bogus=true', 'NoEquals'], { unknown: ['Prune=maybe', 'Bogus=true', 'NoEquals'] }],
];

for (const [input, expected] of optionRows) {
  test(`sync options ${JSON.stringify(input)}`, () => assert.deepEqual(parseSyncOptions(input), expected));
}

test('a resource annotation overrides the application option; Helm keep means Delete=false', () => {
  const app = parseSyncOptions(['ServerSideApply=true', 'PruneLast=true']);
  const res = resourceSyncOptions(
    obj({ 'argocd.argoproj.io/sync-options': 'ServerSideApply=false,Prune=false' }),
  );
  assert.deepEqual(effectiveSyncOptions(app, res), { serverSideApply: false, pruneLast: true, prune: false });
  assert.deepEqual(resourceSyncOptions(obj({ 'helm.sh/resource-policy': 'keep' })), { delete: false });
});

const hookRows: [Record<string, string>, string[], string[]][] = [
  [{}, [], ['Sync']],
  [{ 'argocd.argoproj.io/hook': 'PreSync' }, ['PreSync'], ['PreSync']],
  [{ 'argocd.argoproj.io/hook': 'PreSync,PostSync' }, ['PreSync', 'PostSync'], ['PreSync', 'PostSync']],
  [{ 'argocd.argoproj.io/hook': 'SyncFail' }, ['SyncFail'], ['SyncFail']],
  [{ 'argocd.argoproj.io/hook': 'PostDelete' }, ['PostDelete'], []],
  [{ 'argocd.argoproj.io/hook': 'Skip' }, ['Skip'], []],
  [{ 'helm.sh/hook': 'pre-install,pre-upgrade' }, ['PreSync'], ['PreSync']],
  [{ 'helm.sh/hook': 'post-install' }, ['PostSync'], ['PostSync']],
  [{ 'helm.sh/hook': 'post-delete' }, ['PostDelete'], []],
  [{ 'helm.sh/hook': 'test' }, [], []],
  [{ 'helm.sh/hook': 'pre-install', 'argocd.argoproj.io/hook': 'PostSync' }, ['PostSync'], ['PostSync']],
];

for (const [annotations, types, phases] of hookRows) {
  test(`hook ${JSON.stringify(annotations)} → types ${types.join(',') || '-'}, sync phases ${phases.join(',') || '-'}`, () => {
    assert.deepEqual(hookTypes(obj(annotations)), types);
    assert.deepEqual(syncPhases(obj(annotations)), phases);
  });
}

test('hook detection: Skip is not a hook, crd-install is a plain CRD, delete hooks run on deletion', () => {
  assert.equal(isSkipped(obj({ 'argocd.argoproj.io/hook': 'Skip' })), true);
  assert.equal(isHook(obj({ 'argocd.argoproj.io/hook': 'Skip' })), false);
  assert.equal(isHook(obj({ 'helm.sh/hook': 'crd-install' })), false);
  assert.deepEqual(syncPhases(obj({ 'helm.sh/hook': 'crd-install' })), ['Sync']);
  assert.deepEqual(deletionPhases(obj({ 'argocd.argoproj.io/hook': 'PostDelete' })), ['PostDelete']);
  assert.deepEqual(deletionPhases(obj({ 'helm.sh/hook': 'pre-delete' })), ['PreDelete']);
});

const policyRows: [Record<string, string>, string[]][] = [
  [{}, ['BeforeHookCreation']],
  [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }, ['HookSucceeded']],
  [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }, ['HookSucceeded', 'HookFailed']],
  [
    { 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' },
    ['HookSucceeded', 'BeforeHookCreation'],
  ],
  [{ 'helm.sh/hook-delete-policy': 'hook-failed' }, ['HookFailed']],
  [{ 'argocd.argoproj.io/hook-delete-policy': 'Whenever' }, ['BeforeHookCreation']],
];

for (const [annotations, policies] of policyRows) {
  test(`delete policy ${JSON.stringify(annotations)} → ${policies.join(',')}`, () => {
    assert.deepEqual(hookDeletePolicies(obj(annotations)), policies);
  });
}

const waveRows: [Record<string, string>, number][] = [
  [{}, 0],
  [{ 'argocd.argoproj.io/sync-wave': '5' }, 5],
  [{ 'argocd.argoproj.io/sync-wave': '-2' }, -2],
  [{ 'helm.sh/hook-weight': '3' }, 3],
  [{ 'argocd.argoproj.io/sync-wave': '1', 'helm.sh/hook-weight': '3' }, 1],
  [{ 'argocd.argoproj.io/sync-wave': 'early', 'helm.sh/hook-weight': '3' }, 3],
  [{ 'argocd.argoproj.io/sync-wave': '1.5' }, 0],
];

for (const [annotations, wave] of waveRows) {
  test(`wave ${JSON.stringify(annotations)} → ${wave}`, () => assert.equal(syncWave(obj(annotations)), wave));
}
