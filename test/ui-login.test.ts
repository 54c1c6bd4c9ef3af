// The built UI in Debian's Chromium: the login page renders and a failed login shows the
// server's own error message. The server here is a stub (a static file server whose only API
// answer is Argo's 401 for POST /api/v1/session): the real API server is not ours to test in
// this file; its browser tests drive the UI against the real thing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { launchBrowser, type LaunchedBrowser } from './support/browser.ts';
import { serveUi, type StaticServer } from './support/static-server.ts';
import { buildUi, type BuiltUi } from './support/ui-build.ts';

const MESSAGE = 'Invalid username or password';
let ui: BuiltUi;
let server: StaticServer;
let browser: LaunchedBrowser;
const logins: { headers: IncomingHttpHeaders; body: string }[] = [];

before(async () => {
  ui = await buildUi();
  server = await serveUi(ui.dir, (req, res, body) => {
    if (req.method === 'POST' && req.url === '/api/v1/session') {
      logins.push({ headers: req.headers, body });
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: MESSAGE, code: 16, message: MESSAGE }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'Not Found', code: 5, message: 'Not Found' }));
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await ui?.remove();
});

test('the login page renders and a wrong password shows the server message', async () => {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(`${server.url}/login?return=/applications/argocd/web`);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  assert.equal(await page.title(), 'Capstan');
  assert.equal(await page.getByLabel('Username').isVisible(), true);
  assert.equal(await page.getByLabel('Password').getAttribute('type'), 'password');

  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByTestId('login-submit').click();

  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.equal(await error.textContent(), MESSAGE);
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(new URL(page.url()).pathname, '/login', 'a failed login stays on the login page');

  // The request the UI sent is the contract's (docs/api.md §2, §5).
  assert.equal(logins.length, 1);
  assert.deepEqual(JSON.parse(logins[0]!.body), { username: 'admin', password: 'not-the-password' });
  assert.match(logins[0]!.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(logins[0]!.headers['x-requested-with'], 'capstan');

  // Nothing is fetched from anywhere but the server (no CDN fonts or scripts).
  assert.deepEqual(
    requested.filter((u) => !u.startsWith(server.url)),
    [],
  );
  assert.deepEqual(pageErrors, []);
  await page.close();
});
