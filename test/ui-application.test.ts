// The application page in Debian's Chromium against the real API server over the embedded
// cluster: the sync dialog's choices reach the Application's `operation` exactly as Argo CD's
// API server writes it, a rollback picks the history entry's revision, the operation's progress
// and the events show up live, and the resource tree is drawn from the server's tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { KubeObject } from '../src/core/index.ts';
import { argoTracker } from '../src/engine/index.ts';
import { application, startUiStack, type UiStack } from './support/ui-stack.ts';

const REV1 = '1111111111111111111111111111111111111111';
const REV2 = '5b1c0e3f2a9d4e6b8c7a1f0e9d8c7b6a5f4e3d2c';
const APP_KEY = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'web' };
let stack: UiStack;

/** An attribute of every element a locator finds, in document order. */
const attrs = async (l: Locator, name: string) =>
  Promise.all((await l.all()).map((e) => e.getAttribute(name)));

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
});
const service = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
});

after(() => stack?.close());

before(async () => {
  stack = await startUiStack();
  const { client, signal } = stack;
  const tracker = argoTracker();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } }, { signal });
  await client.create(tracker.stamp(deployment(), 'web'), { signal });
  await client.create(tracker.stamp(service(), 'web'), { signal });
  await client.create(
    application('web', {
      sync: 'OutOfSync',
      status: {
        sync: { status: 'OutOfSync', revision: REV2 },
        resources: [
          {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            namespace: 'web',
            name: 'web',
            status: 'OutOfSync',
            health: { status: 'Healthy' },
          },
          {
            version: 'v1',
            kind: 'Service',
            namespace: 'web',
            name: 'web',
            status: 'Synced',
            health: { status: 'Healthy' },
          },
        ],
        history: [
          {
            id: 1,
            revision: REV1,
            deployedAt: '2026-08-01T09:00:00Z',
            source: { repoURL: 'http://git.example/demo.git', path: 'apps/web', targetRevision: 'HEAD' },
          },
          {
            id: 2,
            revision: REV2,
            deployedAt: '2026-08-01T10:00:00Z',
            source: { repoURL: 'http://git.example/demo.git', path: 'apps/web', targetRevision: 'HEAD' },
          },
        ],
      },
    }),
    { signal },
  );
});

const operation = async () =>
  (await stack.client.get(APP_KEY, { signal: stack.signal }))?.['operation'] as
    { sync?: Record<string, unknown>; initiatedBy?: { username?: string } } | undefined;

/** Waits for a dialog to close after its submit; if it shows an error instead, fails with it. */
async function submitted(dialog: Locator): Promise<void> {
  const error = dialog.getByRole('alert');
  await Promise.race([
    dialog.waitFor({ state: 'detached', timeout: 30_000 }),
    error.waitFor({ timeout: 30_000 }),
  ]);
  if (await error.count()) assert.fail(`the dialog says: ${await error.textContent()}`);
}

async function clearOperation(): Promise<void> {
  await stack.client.patch(
    APP_KEY,
    { type: 'json', body: [{ op: 'remove', path: '/operation' }] },
    { signal: stack.signal },
  );
}

test('the sync dialog sends prune, dry run, force and the selected resources; progress shows live', async () => {
  const page = await stack.login('/applications/argocd/web');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByTestId('application-page').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('app-tab-diff').textContent(), 'Diff (1)', 'one resource is OutOfSync');

  await page.getByTestId('sync-button').click();
  const dialog = page.getByTestId('sync-dialog');
  await dialog.waitFor();
  const resources = dialog.getByTestId('sync-resource');
  assert.deepEqual(await attrs(resources, 'data-resource'), ['Service/web/web', 'Deployment/web/web']);
  await dialog.getByTestId('sync-option-prune').check();
  await dialog.getByTestId('sync-option-dryRun').check();
  await dialog.getByTestId('sync-option-force').check();
  await dialog.locator('[data-testid=sync-resource][data-resource="Service/web/web"]').uncheck();
  await dialog.getByTestId('sync-submit').click();
  await submitted(dialog);

  const op = await operation();
  assert.equal(op?.initiatedBy?.username, 'admin');
  assert.equal(op?.sync?.['prune'], true);
  assert.equal(op?.sync?.['dryRun'], true);
  assert.deepEqual(op?.sync?.['syncStrategy'], { apply: { force: true } });
  assert.deepEqual(op?.sync?.['resources'], [
    { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'web' },
  ]);

  // What the controller would write next arrives over the stream.
  await stack.client.patch(
    APP_KEY,
    {
      type: 'merge',
      body: {
        status: {
          operationState: {
            phase: 'Running',
            message: 'one task remaining',
            startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            operation: { sync: op?.sync ?? {} },
          },
        },
      },
    },
    { signal: stack.signal },
  );
  await page.locator('[data-testid=operation-state][data-phase=Running]').waitFor({ timeout: 20_000 });
  await stack.client.patch(
    APP_KEY,
    {
      type: 'merge',
      body: { status: { operationState: { phase: 'Succeeded', message: 'successfully synced' } } },
    },
    { signal: stack.signal },
  );
  await page.locator('[data-testid=operation-state][data-phase=Succeeded]').waitFor({ timeout: 20_000 });
  await clearOperation();
  await page.close();
  assert.deepEqual(errors, []);
});

test('history lists the deployments and rolls back to an earlier one', async () => {
  const page = await stack.login('/applications/argocd/web');
  await page.getByTestId('app-tab-history').click();
  const rows = page.getByTestId('history-row');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await attrs(rows, 'data-id'), ['2', '1']);
  // The current deployment cannot be rolled back to; the earlier one can.
  assert.equal(await rows.nth(0).getByTestId('rollback-button').count(), 0);
  await rows.nth(1).getByTestId('rollback-button').click();
  await page.getByTestId('rollback-confirm').click();
  await submitted(page.getByTestId('rollback-dialog'));
  const op = await operation();
  assert.equal(op?.sync?.['revision'], REV1);
  await clearOperation();
  await page.close();
});

test('events of the application are listed', async () => {
  const { client, signal } = stack;
  const app = await client.get(APP_KEY, { signal });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await client.create(
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.sync1', namespace: 'argocd' },
      involvedObject: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'web',
        uid: app?.metadata.uid,
      },
      type: 'Normal',
      reason: 'OperationCompleted',
      message: `Sync operation to ${REV2.slice(0, 7)} succeeded`,
      source: { component: 'capstan-application-controller' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
    { signal },
  );
  const page = await stack.login('/applications/argocd/web');
  await page.getByTestId('app-tab-events').click();
  const table = page.getByTestId('events-table');
  await table.waitFor({ timeout: 30_000 });
  assert.match((await table.textContent()) ?? '', /OperationCompleted.*Sync operation to 5b1c0e3 succeeded/);
  await page.close();
});
