// The built web UI in Debian's Chromium against the real API server: a client route sends an
// anonymous visitor to the login page, the admin password logs in through the form (cookie
// session, CSRF header), the applications page renders its empty state (no controllers yet),
// and logging out revokes the session. No CSP violation or page error on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startUiServer, type UiServer } from './support/ui-server.ts';

const PASSWORD = 'correct horse battery staple';
let stack: UiServer;
let server: UiServer['server'];
let browser: UiServer['browser'];

before(async () => {
  stack = await startUiServer({ password: PASSWORD });
  ({ server, browser } = stack);
});

after(() => stack?.close());

test('log in through the UI and see the empty applications page; log out', async () => {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });

  await page.goto(`${server.url}/applications`);
  await page.getByTestId('login-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');

  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  assert.equal(await page.getByTestId('login-error').textContent(), 'Invalid username or password');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  const empty = page.getByTestId('empty-state');
  await empty.waitFor({ timeout: 30_000 });
  assert.match((await empty.textContent()) ?? '', /No applications yet/);
  assert.equal(new URL(page.url()).pathname, '/applications');
  assert.match((await page.getByTestId('current-user').textContent()) ?? '', /admin/);

  const cookies = await browser.context.cookies(server.url);
  const session = cookies.find((c) => c.name === 'argocd.token');
  assert.ok(session, 'the session cookie is set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(
    (await page.evaluate<string>('document.cookie')).includes('argocd.token'),
    false,
    'scripts cannot read it',
  );

  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  const res = await fetch(`${server.url}/api/v1/applications`, {
    headers: { authorization: `Bearer ${session.value}` },
  });
  assert.equal(res.status, 401, 'the logged-out token is revoked');
  assert.deepEqual(problems, []);
  await page.close();
});
