// Debian's Chromium driven by playwright-core: no browser download, the system binary at
// /usr/bin/chromium (installed by .ci/run), a fresh profile per launch, nothing that phones home.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** Extra Chromium arguments. */
  args?: string[];
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export const defaultLaunchOptions: Required<Omit<LaunchOptions, 'args'>> = {
  viewport: { width: 1280, height: 860 },
  colorScheme: 'light',
};

/** Launches Chromium with its own temporary profile (a persistent context needs the directory). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'capstan-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: options.viewport ?? defaultLaunchOptions.viewport,
      colorScheme: options.colorScheme ?? defaultLaunchOptions.colorScheme,
      timeout: 60_000,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, BrowserContext };

/**
 * Waits until `expression` (JavaScript evaluated in the page) is truthy. Playwright's
 * waitForFunction compiles string predicates with `new Function`, which the UI's CSP
 * (`script-src 'self'`) forbids, and the tests are compiled without the DOM's types, so page
 * code is written as strings and polled from here.
 */
export async function waitForExpression(
  page: Page,
  expression: string,
  options: { timeoutMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    if (await page.evaluate<unknown>(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.message ?? expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
