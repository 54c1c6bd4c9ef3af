// The demo as `capstan up` runs it (embedded cluster, real Flux controllers, the demo repository
// over git http-backend, the API server with the built UI), driven in Debian's Chromium: log in
// with the password from the data dir, see the demo's Kustomization Ready among the
// applications, open it (conditions, inventory), reconcile, suspend
// and resume it live, and follow its source to the GitRepository page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCapstan, type RunningCapstan } from '../src/app/index.ts';
import { launchBrowser, waitForExpression, type LaunchedBrowser } from './support/browser.ts';
import { buildUi, type BuiltUi } from './support/ui-build.ts';

let ui: BuiltUi;
let capstan: RunningCapstan;
let browser: LaunchedBrowser;
let dataDir: string;
const stop = new AbortController();

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'capstan-ui-flux-'));
  ui = await buildUi();
  capstan = await startCapstan({
    signal: stop.signal,
    dataDir,
    port: 0,
    uiDir: ui.dir,
    storeCliContext: false,
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await capstan?.close();
  stop.abort();
  await ui?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const attr = (page: Page, selector: string, name: string) =>
  page.evaluate<string | null>(
    `document.querySelector(${JSON.stringify(selector)})?.getAttribute('${name}') ?? null`,
  );

test('the demo Kustomization: Ready in the list, its page, reconcile, suspend and resume, its source', async () => {
  const password = (await readFile(capstan.adminPasswordPath, 'utf8')).trim();
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${capstan.url}/applications?kind=flux`);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByTestId('login-submit').click();

  // The controllers reconcile the demo while we watch: the badge turns Ready without a reload.
  const tile = '[data-testid=app-tile][data-kind=Kustomization][data-name=demo]';
  await waitForExpression(
    page,
    `document.querySelector('${tile} [data-testid=flux-status]')?.dataset.status === 'Ready'`,
    { timeoutMs: 90_000, message: 'the demo Kustomization Ready in the list' },
  );
  await page.locator(`${tile} [data-testid=app-link]`).click();

  const ks = page.getByTestId('kustomization-page');
  await ks.waitFor({ timeout: 30_000 });
  assert.match((await page.getByTestId('conditions').textContent()) ?? '', /Ready\s*True/);
  const inventory = (await page.getByTestId('inventory-table').textContent()) ?? '';
  assert.match(inventory, /Deployment/);
  assert.match(inventory, /Service/);
  // Reconcile: the controller handles the request and the page shows it.
  const handledBefore = await capstanHandled();
  await page.getByTestId('reconcile-button').click();
  await waitFor(async () => (await capstanHandled()) !== handledBefore, 'the reconcile request handled');

  // Suspend and resume: spec.suspend written, the badge follows over the stream.
  await page.getByTestId('suspend-button').click();
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=kustomization-page] [data-testid=flux-status]')?.dataset.status === 'Suspended'`,
    { message: 'the Suspended badge' },
  );
  assert.equal((await kustomization())['spec']?.['suspend'], true);
  await page.getByTestId('resume-button').click();
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=kustomization-page] [data-testid=flux-status]')?.dataset.status === 'Ready'`,
    { timeoutMs: 60_000, message: 'Ready again after resume' },
  );

  // Its source: the GitRepository page with the stored artifact and who uses it.
  await page.getByTestId('source-link').click();
  await page.getByTestId('gitrepository-page').waitFor({ timeout: 30_000 });
  assert.equal(
    await attr(page, '[data-testid=gitrepository-page] [data-testid=flux-status]', 'data-status'),
    'Ready',
  );
  assert.match((await page.getByTestId('source-url').textContent()) ?? '', /^http:\/\/.*demo/);
  await page.getByTestId('source-users').getByRole('link', { name: 'flux-system/demo' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

async function kustomization(): Promise<Record<string, Record<string, unknown> | undefined>> {
  const obj = await capstan.client.get(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'demo',
    },
    { signal: stop.signal },
  );
  return (obj ?? {}) as Record<string, Record<string, unknown> | undefined>;
}

async function capstanHandled(): Promise<unknown> {
  return (await kustomization())['status']?.['lastHandledReconcileAt'];
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
