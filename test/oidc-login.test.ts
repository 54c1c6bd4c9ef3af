// Logging in through an OIDC provider, as Argo CD's `oidc.config` does, in Debian's Chromium: a
// real provider (`oidc-provider`, with its development login and consent pages) started here, the
// whole product with its UI, the config in `argocd-cm` with the client secret in
// `argocd-secret`. A user whose group a `g` line makes admin sees the demo; a user without
// groups sees nothing; a forged return URL stays on Capstan; the secret never shows; and
// `capstan login --sso` gets its session through the browser without the token in any URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import type { RunningCapstan } from '../src/app/index.ts';
import { waitForExpression, type LaunchedBrowser } from './support/browser.ts';
import { startProductUi, type ProductUi } from './support/product-ui.ts';
import { eventually } from './support/up-process.ts';

const CLIENT_SECRET = 'oidc-client-secret-Zq81';
const GROUPS: Record<string, string[]> = { alice: ['capstan-admins', 'staff'], bob: [] };

let product: ProductUi;
let capstan: RunningCapstan;
let browser: LaunchedBrowser;
let idp: Server;
let issuer: string;
const signal = () => AbortSignal.timeout(15_000);

before(async () => {
  product = await startProductUi('capstan-oidc-');
  ({ capstan, browser } = product);

  // The provider needs its own URL (the issuer) before it is made: listen first, then attach.
  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'capstan',
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${capstan.url}/auth/callback`],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { email: ['email'], groups: ['groups'], profile: ['name'] },
    scopes: ['openid', 'email', 'groups', 'profile'],
    // Claims of the requested scopes in the ID token, as Dex puts them there.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.com`, groups: GROUPS[id] ?? [], name: id }),
    }),
  });
  const handle = provider.callback();
  idp.on('request', (req, res) => void handle(req, res));

  const { client } = capstan;
  await client.patch(
    { apiVersion: 'v1', kind: 'Secret', namespace: 'argocd', name: 'argocd-secret' },
    { type: 'merge', body: { stringData: { 'oidc.capstan.clientSecret': CLIENT_SECRET } } },
    { signal: signal() },
  );
  await client.patch(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' },
    {
      type: 'merge',
      body: {
        data: {
          url: capstan.url,
          'oidc.config': `name: Test IdP
issuer: ${issuer}
clientID: capstan
clientSecret: $oidc.capstan.clientSecret
requestedScopes: [openid, profile, email, groups]
`,
        },
      },
    },
    { signal: signal() },
  );
  await client.patch(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-rbac-cm' },
    { type: 'merge', body: { data: { 'policy.csv': 'g, capstan-admins, role:admin' } } },
    { signal: signal() },
  );
});

after(async () => {
  await product?.close();
  await new Promise((r) => idp?.close(r));
});

/** Through the login page's SSO button and the provider's login and consent pages. */
async function ssoLogin(user: string, returnPath = '/applications'): Promise<Page> {
  // Each user starts without cookies (Capstan's or the provider's).
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${capstan.url}/login?return=${encodeURIComponent(returnPath)}`);
  const sso = page.getByTestId('login-sso');
  await sso.waitFor({ timeout: 30_000 });
  assert.match((await sso.textContent()) ?? '', /Test IdP/);
  await sso.click();
  await page.waitForURL((u) => u.href.startsWith(issuer), { waitUntil: 'domcontentloaded' });
  await page.locator('input[name=login]').fill(user);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]', { hasText: 'Continue' }).click({ timeout: 30_000 });
  await page.waitForURL((u) => u.href.startsWith(capstan.url) && !u.pathname.startsWith('/auth/'), {
    timeout: 30_000,
  });
  return page;
}

const userinfo = (page: Page) =>
  page.evaluate<{ loggedIn: boolean; username?: string; groups?: string[] }>(
    "fetch('/api/v1/session/userinfo').then((r) => r.json())",
  );

test('settings offer the provider by name, never its secret', async () => {
  const settings = await eventually('oidcConfig in the settings', async () => {
    const s = (await (await fetch(`${capstan.url}/api/v1/settings`)).json()) as {
      oidcConfig?: { name: string };
    };
    return s.oidcConfig ? s : undefined;
  });
  assert.deepEqual(settings.oidcConfig, { name: 'Test IdP' });
  assert.ok(!JSON.stringify(settings).includes(CLIENT_SECRET));
});

test('a user in a group bound to role:admin logs in through the provider and sees the demo', async () => {
  const page = await ssoLogin('alice', '/applications?kind=argo');
  assert.equal(new URL(page.url()).pathname, '/applications', 'back where the login started');
  await waitForExpression(
    page,
    `document.querySelectorAll('[data-testid=app-tile][data-name=demo]').length === 1`,
    {
      timeoutMs: 60_000,
      message: 'the demo tile for alice',
    },
  );
  const me = await userinfo(page);
  assert.equal(me.loggedIn, true);
  assert.equal(me.username, 'alice');
  assert.deepEqual(me.groups, ['capstan-admins', 'staff']);
  // Logging out ends that session: the cookie alone no longer opens the API.
  await page.evaluate(
    "fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-Requested-With': 'capstan' } })",
  );
  assert.equal((await userinfo(page)).loggedIn, false);
  await page.close();
});

test('a user without groups is logged in but may see nothing', async () => {
  const page = await ssoLogin('bob');
  const me = await userinfo(page);
  assert.deepEqual([me.loggedIn, me.username, me.groups], [true, 'bob', []]);
  const apps = await page.evaluate<{ items: unknown[] }>(
    "fetch('/api/v1/applications').then((r) => r.json())",
  );
  assert.deepEqual(apps.items, [], 'no policy grants bob anything');
  await page.close();
});

test('the return URL stays on Capstan, and a callback from another browser is refused', async () => {
  const start = await fetch(
    `${capstan.url}/auth/login?return_url=${encodeURIComponent('//evil.example/x')}`,
    {
      redirect: 'manual',
    },
  );
  assert.equal(start.status, 303);
  const location = new URL(start.headers.get('location')!);
  assert.equal(location.origin, issuer);
  assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(location.searchParams.get('nonce'));
  // The callback without the browser's state cookie: refused.
  const forged = await fetch(
    `${capstan.url}/auth/callback?code=x&state=${location.searchParams.get('state')}`,
    { redirect: 'manual' },
  );
  assert.equal(forged.status, 401);
  const page = await ssoLogin('alice', '//evil.example/x');
  assert.equal(new URL(page.url()).origin, capstan.url);
  assert.equal(new URL(page.url()).pathname, '/applications');
  // In a browser, a failed callback lands on the login page with the reason.
  await browser.context.clearCookies();
  await page.goto(`${capstan.url}/auth/callback?code=x&state=bogus`);
  await page.getByTestId('login-error').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match((await page.getByTestId('login-error').textContent()) ?? '', /unknown or expired/);
  await page.close();
});

test('capstan login --sso: the browser signs in, the CLI collects its session', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-sso-cli-'));
  const bin = new URL('../bin/capstan.js', import.meta.url).pathname;
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: '', CAPSTAN_CONFIG: '', CAPSTAN_SERVER: '' };
  const run = (args: string[], onStderr?: (text: string) => void) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        onStderr?.(stderr);
      });
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  try {
    let loginUrl: string | undefined;
    const login = run(
      ['login', capstan.url, '--sso', '--sso-port', '0', '--no-sso-launch-browser'],
      (err) => {
        loginUrl ??= /^(http:\/\/\S+\/auth\/login\?\S+)$/m.exec(err)?.[1];
      },
    );
    const url = await eventually('the login URL printed', () => Promise.resolve(loginUrl), 30_000);
    assert.equal(new URL(url).searchParams.get('cli_challenge')?.length, 43);
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('input[name=login]').fill('alice');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]', { hasText: 'Continue' }).click({ timeout: 30_000 });
    await page.waitForURL((u) => u.hostname === 'localhost' && u.pathname === '/auth/callback', {
      timeout: 30_000,
    });
    assert.match((await page.textContent('body')) ?? '', /You may close this window/);
    assert.ok(!page.url().includes('eyJ'), 'no token in the browser');
    await page.close();
    const done = await login;
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /'alice' logged in successfully/);
    // The stored context works: alice's group makes her admin.
    const apps = await run(['app', 'list', '-o', 'json']);
    assert.equal(apps.code, 0, apps.stderr);
    assert.ok(
      (JSON.parse(apps.stdout) as { metadata: { name: string } }[]).some((a) => a.metadata.name === 'demo'),
    );
    // The code is single-use: trading it again fails.
    const again = await fetch(`${capstan.url}/auth/cli-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'reused-or-made-up', verifier: 'x'.repeat(43) }),
    });
    assert.equal(again.status, 401);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
