// Light and dark themes in Debian's Chromium against the real API server: the UI follows the
// system's colour scheme until the user picks one with the toggle, the pick survives a reload
// (applied before the first paint by theme-init.js) and is the same on the login page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitForExpression } from './support/browser.ts';
import type { Page } from 'playwright-core';
import { startUiServer, type UiServer } from './support/ui-server.ts';

const PASSWORD = 'theme-test-password';
let stack: UiServer;
let server: UiServer['server'];
let browser: UiServer['browser'];

before(async () => {
  stack = await startUiServer({ password: PASSWORD, launch: { colorScheme: 'dark' } });
  ({ server, browser } = stack);
});

after(() => stack?.close());

// Evaluated in the page (the tests are compiled without the DOM's types).
const LOOK =
  '({ theme: document.documentElement.dataset.theme, background: getComputedStyle(document.body).backgroundColor })';
const look = (page: Page) => page.evaluate<{ theme: string; background: string }>(LOOK);
const themeIs = (page: Page, theme: string) =>
  waitForExpression(page, `document.documentElement.dataset.theme === '${theme}'`);

test('the theme follows the system, then the toggle, and the choice survives a reload', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The browser prefers dark: the login page is dark before anyone chose.
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-form').waitFor();
  const systemDark = await look(page);
  assert.equal(systemDark.theme, 'dark');

  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('empty-state').waitFor({ timeout: 30_000 });
  const toggle = page.getByTestId('theme-toggle');
  assert.equal(await toggle.getAttribute('aria-label'), 'Switch to light theme');

  await toggle.click();
  await themeIs(page, 'light');
  const light = await look(page);
  assert.notEqual(light.background, systemDark.background, 'the page colours change with the theme');
  assert.equal(await toggle.getAttribute('aria-label'), 'Switch to dark theme');

  // A reload keeps the user's pick over the system's preference, from the first paint on.
  await page.reload();
  await page.getByTestId('empty-state').waitFor({ timeout: 30_000 });
  assert.deepEqual(await look(page), light);

  await toggle.click();
  await themeIs(page, 'dark');
  assert.deepEqual(await look(page), systemDark);
  assert.deepEqual(errors, []);
  await page.close();
});
