// The demo as `capstan up` runs it (embedded cluster, the real Argo CD and Flux controllers, the
// demo repository over git http-backend, the API server with the built UI), driven in Debian's
// Chromium. Argo: log in with the password from the data dir, see the demo Application
// Synced/Healthy, its resource tree down to the Pods, a `kubectl scale` shown live as OutOfSync
// with its diff, and a sync from the dialog putting it back; a Secret's drift diffed as masks
// and a rollback with prune removing it.
// Flux: the demo Kustomization Ready, its page (conditions, inventory, tree down to Pods),
// reconcile, suspend and resume live, and its GitRepository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { RunningCapstan } from '../src/app/index.ts';
import { waitForExpression } from './support/browser.ts';
import { startProductUi, type ProductUi } from './support/product-ui.ts';
import { kubectl } from './support/cluster.ts';
import { eventually } from './support/up-process.ts';

let product: ProductUi;
let capstan: RunningCapstan;
let dataDir: string;
const stop = new AbortController();

before(async () => {
  product = await startProductUi('capstan-ui-flux-');
  ({ capstan, dataDir } = product);
});

after(async () => {
  stop.abort();
  await product?.close();
});

const attr = (page: Page, selector: string, name: string) =>
  page.evaluate<string | null>(
    `document.querySelector(${JSON.stringify(selector)})?.getAttribute('${name}') ?? null`,
  );

/** A new page on `path`, through the login form with the admin password from the data dir. */
const login = (path: string): Promise<Page> => product.login(path);

const badge = (scope: string, testId: string, status: string) =>
  `document.querySelector('${scope} [data-testid=${testId}]')?.dataset.status === '${status}'`;

test('the demo Application: Synced and Healthy, its tree, a kubectl change diffed live, synced back', async () => {
  const page = await login('/applications?kind=argo');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const tile = '[data-testid=app-tile][data-kind=Application][data-name=demo]';
  await waitForExpression(
    page,
    `${badge(tile, 'health-badge', 'Healthy')} && ${badge(tile, 'sync-badge', 'Synced')}`,
    {
      timeoutMs: 120_000,
      message: 'the demo Application Synced and Healthy in the list',
    },
  );
  await page.evaluate('window.__sameDocument = true');
  await page.locator(`${tile} [data-testid=app-link]`).click();
  await page.getByTestId('application-page').waitFor({ timeout: 30_000 });

  // The tree: Application → Deployment → ReplicaSet → Pods, with health and sync per node.
  const node = (kind: string, name?: string) =>
    `[data-testid=tree-node][data-kind=${kind}]${name ? `[data-name="${name}"]` : ''}`;
  await page.locator(node('Pod')).first().waitFor({ timeout: 60_000 });
  assert.equal(await attr(page, node('Deployment', 'web'), 'data-sync'), 'Synced');
  assert.equal(await attr(page, node('Deployment', 'web'), 'data-health'), 'Healthy');
  assert.ok((await page.locator(node('ReplicaSet')).count()) >= 1);
  assert.ok((await page.locator(node('Service', 'web')).count()) === 1);
  assert.ok((await page.locator(node('ConfigMap', 'web-config')).count()) === 1);
  // A Pod's live manifest, from the app's tree (…/resource).
  await page.locator(node('Pod')).first().click();
  await page.getByTestId('resource-panel').waitFor();
  await page.getByTestId('resource-tab-manifest').click();
  assert.match(
    (await page.getByTestId('live-manifest').textContent({ timeout: 30_000 })) ?? '',
    /image: nginx:1\.27/,
  );
  // The history names the commit that was deployed, from the repository.
  await page.getByTestId('app-tab-history').click();
  await page.getByTestId('history-row').first().waitFor({ timeout: 30_000 });
  await page
    .getByTestId('history-row')
    .first()
    .getByText('Demo app', { exact: false })
    .waitFor({ timeout: 30_000 });
  await page.getByTestId('app-tab-tree').click();

  // Turn self-healing off, then drift with kubectl: the page turns OutOfSync without a reload.
  const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'demo' };
  // With a refresh asked in the same write: once the controller has removed the annotation, it
  // has reconciled the spec without self-heal, so the drift below cannot race a self-heal.
  await capstan.client.patch(
    key,
    {
      type: 'merge',
      body: {
        metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
        spec: { syncPolicy: null },
      },
    },
    { signal: stop.signal },
  );
  await eventually('the controller to see self-heal turned off', async () => {
    const app = await capstan.client.get(key, { signal: stop.signal });
    return app?.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined ? true : undefined;
  });
  const target = { kubeconfig: capstan.kubeconfigPath, home: join(dataDir, 'kubectl-home') };
  const scaled = await kubectl(['-n', 'demo', 'scale', 'deploy/web', '--replicas=5'], target);
  assert.equal(scaled.code, 0, scaled.stderr);
  await waitForExpression(
    page,
    badge('[data-testid=application-page] .status-card', 'sync-badge', 'OutOfSync'),
    {
      timeoutMs: 60_000,
      message: 'OutOfSync on the application page',
    },
  );
  await page.getByTestId('app-tab-diff').click();
  const diff = page.locator('[data-testid=diff-resource][data-resource="Deployment/demo/web"]');
  await diff.waitFor({ timeout: 30_000 });
  const text = (await diff.textContent()) ?? '';
  assert.match(text, /replicas: 5/, 'the live side');
  assert.match(text, /replicas: 2/, 'the desired side');
  assert.equal(await page.getByTestId('diff-resource').count(), 1, 'only the drifted resource');

  // Sync from the dialog (all resources): back to Git, shown live.
  await page.getByTestId('sync-button').click();
  await page.getByTestId('sync-submit').click();
  await page.getByTestId('sync-dialog').waitFor({ state: 'detached', timeout: 30_000 });
  await waitForExpression(
    page,
    badge('[data-testid=application-page] .status-card', 'sync-badge', 'Synced'),
    {
      timeoutMs: 60_000,
      message: 'Synced again after the sync',
    },
  );
  await page.locator('[data-testid=operation-state][data-phase=Succeeded]').waitFor({ timeout: 30_000 });
  const replicas = await kubectl(
    ['-n', 'demo', 'get', 'deploy/web', '-o', 'jsonpath={.spec.replicas}'],
    target,
  );
  assert.equal(replicas.stdout.trim(), '2');
  assert.equal(await page.evaluate('window.__sameDocument'), true, 'never reloaded');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Secret in Git: its drift is diffed with masks, never its values; a rollback prunes it', async () => {
  const repo = capstan.demoRepository;
  assert.ok(repo, 'the demo repository exists');
  const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'demo' };
  await capstan.client.patch(
    key,
    { type: 'merge', body: { spec: { syncPolicy: null } } },
    { signal: stop.signal },
  );
  const GIT_VALUE = 'git-password-1';
  const LIVE_VALUE = 'live-password-22';
  await writeFile(
    join(repo, 'overlays/argocd/secret.yaml'),
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\nstringData:\n  password: ${GIT_VALUE}\n  user: admin\n`,
  );
  const kustomization = join(repo, 'overlays/argocd/kustomization.yaml');
  await writeFile(
    kustomization,
    (await readFile(kustomization, 'utf8')).replace('resources:\n', 'resources:\n  - secret.yaml\n'),
  );
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-C', repo, '-c', 'user.name=UI Test', '-c', 'user.email=ui@test', ...args]);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Add the web Secret');

  const page = await login('/applications/argocd/demo');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByTestId('application-page').waitFor({ timeout: 30_000 });
  const syncIs = (status: string) =>
    waitForExpression(page, badge('[data-testid=application-page] .status-card', 'sync-badge', status), {
      timeoutMs: 60_000,
      message: `${status} on the application page`,
    });
  // Refresh reads Git again: the new Secret is missing from the cluster.
  await page.getByTestId('refresh-button').click();
  await syncIs('OutOfSync');
  await page.getByTestId('sync-button').click();
  await page.getByTestId('sync-submit').click();
  await page.getByTestId('sync-dialog').waitFor({ state: 'detached', timeout: 30_000 });
  await syncIs('Synced');

  // Drift the Secret's value with kubectl: the diff shows which key changed, as masks.
  const target = { kubeconfig: capstan.kubeconfigPath, home: join(dataDir, 'kubectl-home') };
  const patched = await kubectl(
    [
      '-n',
      'demo',
      'patch',
      'secret/web-secret',
      '--type=merge',
      '-p',
      JSON.stringify({ stringData: { password: LIVE_VALUE } }),
    ],
    target,
  );
  assert.equal(patched.code, 0, patched.stderr);
  await page.getByTestId('refresh-button').click();
  await syncIs('OutOfSync');
  await page.getByTestId('app-tab-diff').click();
  const diff = page.locator('[data-testid=diff-resource][data-resource="Secret/demo/web-secret"]');
  await diff.waitFor({ timeout: 30_000 });
  const text = (await diff.textContent()) ?? '';
  const html = await page.content();
  for (const secret of [GIT_VALUE, LIVE_VALUE, 'admin'])
    for (const form of [secret, Buffer.from(secret).toString('base64')])
      assert.ok(!text.includes(form) && !html.includes(`: ${form}`), `${secret} never reaches the page`);
  const masks = [...text.matchAll(/password: (\++)/g)].map((m) => m[1]!.length);
  assert.equal(masks.length, 2, `a masked password on each side: ${text}`);
  assert.notEqual(masks[0], masks[1], 'different values get masks of different lengths');
  assert.match(text, /user: \++/);

  // Roll back, with prune, to the first deployment (before the Secret): the Secret goes away.
  await page.getByTestId('app-tab-history').click();
  const rows = page.getByTestId('history-row');
  await rows.first().waitFor({ timeout: 30_000 });
  await rows.last().getByTestId('rollback-button').click();
  const dialog = page.getByTestId('rollback-dialog');
  await dialog.getByLabel('Prune resources that revision does not have').check();
  await dialog.getByTestId('rollback-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await kubectl(['-n', 'demo', 'get', 'secret/web-secret', '-o', 'name'], target);
    if (r.code !== 0 && /NotFound/.test(r.stderr)) break;
    if (Date.now() > deadline)
      assert.fail(`the Secret was not pruned by the rollback: ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 500));
  }
  await page.locator('[data-testid=operation-state][data-phase=Succeeded]').waitFor({ timeout: 30_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo Kustomization: Ready in the list, its page, reconcile, suspend and resume, its source', async () => {
  const page = await login('/applications?kind=flux');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

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
  // The tree from the inventory reaches the Pods the embedded cluster runs for the Deployment.
  await page.locator('[data-testid=tree-node][data-kind=Pod]').first().waitFor({ timeout: 60_000 });
  assert.ok((await page.locator('[data-testid=tree-node][data-kind=ReplicaSet]').count()) >= 1);
  assert.equal(
    await attr(page, '[data-testid=tree-node][data-kind=Kustomization]', 'data-health'),
    'Healthy',
  );
  assert.equal(await attr(page, '[data-testid=tree-node][data-kind=Deployment]', 'data-health'), 'Healthy');
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
