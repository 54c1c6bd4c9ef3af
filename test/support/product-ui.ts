/**
 * The whole product as `capstan up` runs it (`startCapstan`: embedded cluster, controllers, API
 * server) serving the freshly built UI, and Debian's Chromium: for browser tests that need real
 * reconciles. `login` goes through the login form with the admin password from the data dir.
 *
 *   before(async () => (product = await startProductUi('capstan-ui-x-')));
 *   after(() => product?.close());
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCapstan, type RunningCapstan } from '../../src/app/index.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { buildUi } from './ui-build.ts';

export interface ProductUi {
  capstan: RunningCapstan;
  browser: LaunchedBrowser;
  dataDir: string;
  /** A new page on `path`, logged in as admin, reaching the server at `base` (default its URL). */
  login(path: string, base?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startProductUi(prefix: string): Promise<ProductUi> {
  const stop = new AbortController();
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const ui = await buildUi();
  let capstan: RunningCapstan | undefined;
  let browser: LaunchedBrowser | undefined;
  const close = async () => {
    await browser?.close();
    await capstan?.close();
    stop.abort();
    await ui.remove();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    capstan = await startCapstan({
      signal: stop.signal,
      dataDir,
      port: 0,
      uiDir: ui.dir,
      storeCliContext: false,
    });
    browser = await launchBrowser();
  } catch (err) {
    await close();
    throw err;
  }
  const running = { capstan, browser };
  return {
    ...running,
    dataDir,
    close,
    async login(path, base = running.capstan.url) {
      const password = (await readFile(running.capstan.adminPasswordPath, 'utf8')).trim();
      const page = await running.browser.context.newPage();
      await page.goto(`${base}/login?return=${encodeURIComponent(path)}`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 });
      return page;
    },
  };
}
