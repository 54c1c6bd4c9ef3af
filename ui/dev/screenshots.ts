// Takes the README's screenshots (docs/images/) from a running Capstan: logs in as admin,
// photographs the applications page and the first Argo application's page (resource tree).
//
//   npm start                      # in another terminal: capstan up, demo apps included
//   npm run screenshots            # CAPSTAN_URL, CAPSTAN_PASSWORD or CAPSTAN_DATA_DIR to override
//
// The password comes from CAPSTAN_PASSWORD or `<data-dir>/admin-password` (data dir
// CAPSTAN_DATA_DIR, default ~/.capstan), as `capstan up` writes it.
import { readFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export interface ScreenshotOptions {
  url: string;
  password: string;
  outDir: string;
  theme: 'light' | 'dark';
  signal: AbortSignal;
}

const REPO = resolve(import.meta.dirname, '..', '..');

export const defaultScreenshotOptions = {
  url: 'http://localhost:8080',
  outDir: join(REPO, 'docs', 'images'),
  theme: 'light',
} as const;

export async function takeScreenshots(o: ScreenshotOptions): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const close = () => void browser.close();
  o.signal.addEventListener('abort', close, { once: true });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      colorScheme: o.theme,
    });
    await page.goto(`${o.url}/login?return=/applications`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(o.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-tile').first().waitFor({ timeout: 60_000 });
    // Let the streams settle the badges (the demo reaches Synced/Healthy within a minute).
    await page
      .waitForFunction(
        `[...document.querySelectorAll('[data-testid=health-badge]')].every((b) => b.dataset.status === 'Healthy')`,
        undefined,
        { timeout: 60_000 },
      )
      .catch(() => undefined);
    await mkdir(o.outDir, { recursive: true });
    const list = join(o.outDir, 'applications.png');
    await page.screenshot({ path: list });

    await page
      .locator('[data-testid=app-tile][data-kind=Application] [data-testid=app-link]')
      .first()
      .click();
    await page.getByTestId('tree-node').first().waitFor({ timeout: 30_000 });
    // The streams keep the page busy forever, so "network idle" never comes: give the tree's
    // edges a moment to draw instead.
    await page.waitForTimeout(1000);
    const app = join(o.outDir, 'application.png');
    await page.screenshot({ path: app });
    return [list, app];
  } finally {
    o.signal.removeEventListener('abort', close);
    await browser.close();
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env['CAPSTAN_DATA_DIR'] ?? join(homedir(), '.capstan');
  const password =
    env['CAPSTAN_PASSWORD'] ?? (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
  const files = await takeScreenshots({
    url: env['CAPSTAN_URL'] ?? defaultScreenshotOptions.url,
    password,
    outDir: env['CAPSTAN_SCREENSHOTS_DIR'] ?? defaultScreenshotOptions.outDir,
    theme: env['CAPSTAN_THEME'] === 'dark' ? 'dark' : defaultScreenshotOptions.theme,
    signal: AbortSignal.timeout(180_000),
  });
  for (const f of files) console.log(f);
}

if (import.meta.main) await main();
