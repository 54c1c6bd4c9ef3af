// The applications page in Debian's Chromium against the real API server reading the embedded
// cluster: Argo Applications and Flux Kustomizations side by side with their own badges, every
// filter applied by the server (the UI's requests carry them), changes made in the cluster shown
// live over the streams without a reload, and a virtualized list of 1000 applications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import {
  application,
  kustomization,
  readyCondition,
  startUiStack,
  type UiStack,
} from './support/ui-stack.ts';
import { waitForExpression } from './support/browser.ts';

let stack: UiStack;

after(() => stack?.close());

before(async () => {
  stack = await startUiStack({ projects: ['default', 'payments'] });
  const { client, signal } = stack;
  for (const app of [
    application('web', { labels: { team: 'shop' } }),
    application('api', {
      project: 'payments',
      labels: { team: 'core' },
      health: 'Degraded',
      sync: 'OutOfSync',
    }),
    application('db', { namespace: 'data', health: 'Progressing' }),
  ])
    await client.create(app, { signal });
  await client.create(kustomization('infra'), { signal });
  await client.patch(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'infra',
    },
    {
      type: 'merge',
      body: { status: { conditions: [readyCondition('True', 'Applied revision: main@sha1:5b1c0e3')] } },
    },
    { signal, subresource: 'status' },
  );
});

/** The names shown, in order (tiles or rows). */
const shown = (page: Page, testId = 'app-tile') =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('[data-testid=${testId}]')].map((e) => e.dataset.name)`,
  );

async function waitShown(page: Page, names: string[], testId = 'app-tile'): Promise<void> {
  const want = JSON.stringify(names);
  await waitForExpression(
    page,
    `JSON.stringify([...document.querySelectorAll('[data-testid=${testId}]')].map((e) => e.dataset.name)) === ${JSON.stringify(want)}`,
  ).catch(async (err: unknown) => {
    throw new Error(`expected ${want}, shown ${JSON.stringify(await shown(page, testId))}`, { cause: err });
  });
}

const tile = (page: Page, name: string) => page.locator(`[data-testid=app-tile][data-name="${name}"]`);
const status = (page: Page, name: string, badge: string) =>
  tile(page, name).getByTestId(badge).getAttribute('data-status');

/** Query strings of the list requests the page made since `since`. */
function listQueries(requests: Request[], path: string): URLSearchParams[] {
  return requests
    .map((r) => new URL(r.url()))
    .filter((u) => u.pathname === path)
    .map((u) => u.searchParams);
}

test('Argo and Flux side by side, filtered by the server, live without reload', async () => {
  const page = await stack.login('/applications');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));

  await waitShown(page, ['api', 'db', 'infra', 'web']);
  assert.equal(await status(page, 'web', 'health-badge'), 'Healthy');
  assert.equal(await status(page, 'web', 'sync-badge'), 'Synced');
  assert.equal(await status(page, 'api', 'health-badge'), 'Degraded');
  assert.equal(await status(page, 'api', 'sync-badge'), 'OutOfSync');
  assert.equal(await status(page, 'db', 'health-badge'), 'Progressing');
  // The Kustomization has Flux's own badge (its Ready condition), no sync badge, and its kind marker.
  assert.equal(await tile(page, 'infra').getAttribute('data-kind'), 'Kustomization');
  assert.equal(await status(page, 'infra', 'flux-status'), 'Ready');
  assert.equal(await tile(page, 'infra').getByTestId('sync-badge').count(), 0);
  assert.match((await tile(page, 'infra').getByTestId('kind-marker').textContent()) ?? '', /flux/i);
  assert.match((await tile(page, 'web').getByTestId('kind-marker').textContent()) ?? '', /argo/i);

  // Health filter: the chip goes into the URL and into the server's query.
  requests.length = 0;
  await page.getByTestId('filter-health').getByRole('button', { name: 'Degraded' }).click();
  await waitShown(page, ['api']);
  assert.equal(new URL(page.url()).searchParams.get('health'), 'Degraded');
  assert.ok(
    listQueries(requests, '/api/v1/applications').some((q) => q.getAll('health').join(',') === 'Degraded'),
    'the health filter is sent to the server',
  );
  assert.ok(listQueries(requests, '/api/v1/flux/kustomizations').some((q) => q.get('health') === 'Degraded'));
  await page.getByTestId('filter-health').getByRole('button', { name: 'Degraded' }).click();
  await waitShown(page, ['api', 'db', 'infra', 'web']);

  // Sync status: Kustomizations have none, so only Applications are asked for.
  requests.length = 0;
  await page.getByTestId('filter-sync').getByRole('button', { name: 'OutOfSync' }).click();
  await waitShown(page, ['api']);
  assert.ok(
    listQueries(requests, '/api/v1/applications').some((q) => q.getAll('sync').join(',') === 'OutOfSync'),
  );
  await page.getByTestId('filter-sync').getByRole('button', { name: 'OutOfSync' }).click();
  await waitShown(page, ['api', 'db', 'infra', 'web']);

  // Search as you type.
  requests.length = 0;
  await page.getByTestId('app-search').fill('we');
  await waitShown(page, ['web']);
  assert.ok(listQueries(requests, '/api/v1/applications').some((q) => q.get('search') === 'we'));
  await page.getByTestId('app-search').fill('');
  await waitShown(page, ['api', 'db', 'infra', 'web']);

  // Project (Kustomizations have none, so they leave the list with a note saying why).
  await page.getByTestId('filter-project').selectOption('payments');
  await waitShown(page, ['api']);
  assert.equal(await page.getByRole('note').filter({ hasText: 'Flux Kustomizations are hidden' }).count(), 1);
  await page.getByTestId('filter-project').selectOption('');
  await waitShown(page, ['api', 'db', 'infra', 'web']);

  // Label selector and destination namespace, committed with Enter.
  requests.length = 0;
  await page.getByTestId('filter-labels').fill('team in (core,shop),team!=shop');
  await page.getByTestId('filter-labels').press('Enter');
  await waitShown(page, ['api']);
  assert.ok(
    listQueries(requests, '/api/v1/applications').some(
      (q) => q.get('selector') === 'team in (core,shop),team!=shop',
    ),
  );
  await page.getByTestId('filter-labels').fill('');
  await page.getByTestId('filter-labels').press('Enter');
  await page.getByTestId('filter-namespace').fill('data');
  await page.getByTestId('filter-namespace').press('Enter');
  await waitShown(page, ['db']);
  await page.getByTestId('filter-namespace').fill('');
  await page.getByTestId('filter-namespace').press('Enter');
  await waitShown(page, ['api', 'db', 'infra', 'web']);

  // Changes in the cluster arrive over the streams: no reload (the marker survives).
  await page.evaluate('window.__sameDocument = true');
  const { client, signal } = stack;
  const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd' };
  await client.patch(
    { ...key, name: 'api' },
    { type: 'merge', body: { status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } } } },
    { signal },
  );
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=app-tile][data-name=api] [data-testid=health-badge]')?.dataset.status === 'Healthy'`,
    { timeoutMs: 20_000 },
  );
  assert.equal(await status(page, 'api', 'sync-badge'), 'Synced');
  await client.create(application('cache', { health: 'Suspended' }), { signal });
  await client.delete({ ...key, name: 'db' }, { signal });
  await waitShown(page, ['api', 'cache', 'infra', 'web']);
  assert.equal(await status(page, 'cache', 'health-badge'), 'Suspended');
  await client.patch(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'infra',
    },
    { type: 'merge', body: { status: { conditions: [readyCondition('False', 'kustomize build failed')] } } },
    { signal, subresource: 'status' },
  );
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=app-tile][data-name=infra] [data-testid=health-badge]')?.dataset.status === 'Degraded'`,
    { timeoutMs: 20_000 },
  );
  assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was never reloaded');

  // The list view shows the same, as rows.
  await page.getByTestId('view-switch').getByRole('radio', { name: 'List' }).click();
  await waitShown(page, ['api', 'cache', 'infra', 'web'], 'app-row');
  assert.equal(new URL(page.url()).searchParams.get('view'), 'list');
  assert.deepEqual(errors, []);
  await page.close();
});

test('1000 applications: server pages, a virtualized list, the last one reachable', async () => {
  const { client, signal } = stack;
  const names = Array.from({ length: 1000 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
  const health = ['Healthy', 'Progressing', 'Degraded', 'Suspended'];
  for (let i = 0; i < names.length; i += 50)
    await Promise.all(
      names
        .slice(i, i + 50)
        .map((n, j) =>
          client.create(application(n, { health: health[(i + j) % 4], project: 'default' }), { signal }),
        ),
    );
  const requests: Request[] = [];
  const record = (r: Request) => requests.push(r);
  stack.browser.context.on('request', record);
  const page = await stack.login('/applications?view=list&search=bulk-');
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=item-count]')?.textContent === '1000'`,
    { timeoutMs: 60_000 },
  );
  stack.browser.context.off('request', record);
  // Loaded in pages (limit/continue), not one huge response.
  const pages = listQueries(requests, '/api/v1/applications');
  assert.ok(pages.length >= 2 && pages.every((q) => q.get('limit') !== null), `pages: ${pages.length}`);
  assert.ok(pages.some((q) => q.get('continue')));
  const rows = await page.getByTestId('app-row').count();
  assert.ok(rows > 5 && rows < 100, `only the visible rows are in the DOM (${rows})`);
  await page.evaluate(
    `(() => { const e = document.querySelector('[data-testid=app-table] .virtual-scroll'); e.scrollTop = e.scrollHeight; })()`,
  );
  await page.locator('[data-testid=app-row][data-name="bulk-0999"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-testid=app-row][data-name="bulk-0000"]').count(), 0);

  // The tiles are virtualized too.
  await page.getByTestId('view-switch').getByRole('radio', { name: 'Tiles' }).click();
  await page.getByTestId('app-tile').first().waitFor();
  const tiles = await page.getByTestId('app-tile').count();
  assert.ok(tiles > 2 && tiles < 100, `only the visible tiles are in the DOM (${tiles})`);

  // A filter on top of 1000 narrows on the server: 250 Degraded.
  await page.getByTestId('filter-health').getByRole('button', { name: 'Degraded' }).click();
  await waitForExpression(page, `document.querySelector('[data-testid=item-count]')?.textContent === '250'`, {
    timeoutMs: 20_000,
  });
  await page.close();
});
