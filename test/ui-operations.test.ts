// The UI's operations against the whole product (`startCapstan`: embedded cluster, the real
// Argo CD controller, the built UI) in Debian's Chromium: terminating a sync that waits on a
// resource that never becomes healthy, deleting an application (typed confirmation, cascade) and
// seeing it and its resources vanish, and the event stream cut under the page: the indicator says
// it is reconnecting, and once the server is reachable again a change made meanwhile shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningCapstan } from '../src/app/index.ts';
import { waitForExpression } from './support/browser.ts';
import { startProductUi, type ProductUi } from './support/product-ui.ts';
import { eventually } from './support/up-process.ts';

let product: ProductUi;
let capstan: RunningCapstan;
let proxy: CuttableProxy;

/**
 * A TCP hop between the browser and the server that the test can cut: while down, every open
 * connection is reset and new ones are refused, as when the server restarts or the network drops.
 */
interface CuttableProxy {
  url: string;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

async function cuttableProxy(target: URL): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let isDown = false;
  const server: Server = createServer((client) => {
    if (isDown) return client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      isDown = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      isDown = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

before(async () => {
  product = await startProductUi('capstan-ui-ops-');
  ({ capstan } = product);
  proxy = await cuttableProxy(new URL(capstan.url));
});

after(async () => {
  await proxy?.close();
  await product?.close();
});

/** Logged in through the hop the test can cut. */
const login = (path: string): Promise<Page> => product.login(path, proxy.url);

const signal = () => AbortSignal.timeout(15_000);
const appKey = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  namespace: 'argocd',
  name,
});

/** Commits files to the demo repository, which Capstan serves at /git/demo. */
async function commit(files: Record<string, string>): Promise<void> {
  const repo = capstan.demoRepository!;
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), content);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
  git('add', '.');
  git('commit', '-q', '-m', 'ui operations test');
}

async function createApp(name: string, path: string, namespace: string, automated: boolean) {
  await capstan.client.create(
    {
      ...appKey(name),
      metadata: { name, namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'default',
        source: { repoURL: `${capstan.url}/git/demo`, path },
        destination: { server: 'https://kubernetes.default.svc', namespace },
        syncPolicy: { ...(automated ? { automated: {} } : {}), syncOptions: ['CreateNamespace=true'] },
      },
    },
    { signal: signal() },
  );
}

const appPhase = async (name: string) =>
  (
    (await capstan.client.get(appKey(name), { signal: signal() })) as
      { status?: { operationState?: { phase?: string; message?: string } } } | undefined
  )?.status?.operationState;

test('terminate a running sync from the application page', async () => {
  await commit({
    'stuck/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: stuck}
spec:
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec: {containers: [{name: main, image: registry.invalid/never:1}]}
`,
    'stuck/later.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: later, annotations: {argocd.argoproj.io/sync-wave: '1'}}
data: {wave: '1'}
`,
  });
  await createApp('stuck', 'stuck', 'stuck', false);
  await eventually(
    'stuck compared',
    async () => (await capstan.client.get(appKey('stuck'), { signal: signal() }))?.['status'] ?? undefined,
  );
  await capstan.client.patch(
    appKey('stuck'),
    {
      type: 'merge',
      body: { operation: { sync: { revision: 'HEAD' }, initiatedBy: { username: 'admin' } } },
    },
    { signal: signal() },
  );
  const page = await login('/applications/argocd/stuck');
  await page.getByTestId('terminate-button').waitFor({ timeout: 60_000 });
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=operation-state]')?.dataset.phase === 'Running'`,
  );
  await page.getByTestId('terminate-button').click();
  await waitForExpression(
    page,
    `document.querySelector('[data-testid=operation-state]')?.dataset.phase === 'Failed'`,
    {
      timeoutMs: 60_000,
      message: 'the operation Failed on the page',
    },
  );
  assert.match((await page.getByTestId('operation-state').textContent()) ?? '', /Operation terminated/);
  assert.equal(await page.getByTestId('terminate-button').count(), 0, 'nothing left to terminate');
  assert.equal((await appPhase('stuck'))?.message, 'Operation terminated');
  const later = await capstan.client.get(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'stuck', name: 'later' },
    { signal: signal() },
  );
  assert.equal(later, undefined, 'the next wave never ran');
  await page.close();
});

test('delete an application from the UI: typed confirmation, cascade, gone from the list', async () => {
  await createApp('doomed', 'base', 'doomed', true);
  await eventually(
    'doomed synced',
    async () => ((await appPhase('doomed'))?.phase === 'Succeeded' ? true : undefined),
    120_000,
  );
  const page = await login('/applications/argocd/doomed');
  await page.getByTestId('delete-button').click();
  await page.getByTestId('delete-dialog').waitFor();
  assert.equal(await page.getByTestId('delete-confirm').isDisabled(), true, 'not before the name is typed');
  await page.getByTestId('delete-name').fill('doomed');
  await page.getByTestId('delete-confirm').click();
  await page.waitForURL((u) => u.pathname === '/applications', { timeout: 30_000 });
  await waitForExpression(
    page,
    `document.querySelectorAll('[data-testid=app-tile][data-name=doomed]').length === 0 && document.querySelectorAll('[data-testid=app-tile][data-name=demo]').length > 0`,
    { timeoutMs: 90_000, message: 'doomed gone from the list, demo still there' },
  );
  await eventually('its Deployment deleted (cascade)', async () =>
    (await capstan.client.get(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'doomed', name: 'web' },
      { signal: signal() },
    ))
      ? undefined
      : true,
  );
  await page.close();
});

test('the event stream cut under the page: reconnecting, then live with what changed meanwhile', async () => {
  const page = await login('/applications?kind=argo');
  const live = (state: string) =>
    `document.querySelector('[data-testid=live-indicator]')?.dataset.state === '${state}'`;
  await waitForExpression(page, live('live'), { timeoutMs: 30_000 });
  proxy.down();
  await waitForExpression(page, live('reconnecting'), {
    timeoutMs: 60_000,
    message: 'the indicator says reconnecting',
  });
  // A change while the page cannot hear about it.
  await createApp('while-away', 'base', 'while-away', false);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await page.locator('[data-testid=app-tile][data-name=while-away]').count(), 0);
  proxy.up();
  await waitForExpression(page, live('live'), { timeoutMs: 90_000, message: 'live again' });
  await waitForExpression(
    page,
    `document.querySelectorAll('[data-testid=app-tile][data-name=while-away]').length === 1`,
    {
      timeoutMs: 30_000,
      message: 'the app created while disconnected shows',
    },
  );
  await page.close();
});
