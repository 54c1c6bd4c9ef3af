// Serving the built UI: files, the index.html fallback for client routes, caching headers and
// security headers; and /healthz beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../test-server.ts';

let dir: string;
let t: TestServer;
let healthy = true;
const INDEX =
  '<!doctype html><title>Capstan</title><script src="/theme-init.js"></script><div id="root"></div>';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'capstan-ui-test-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'theme-init.js'), 'document.documentElement.dataset.theme = "light";');
  await writeFile(join(dir, 'assets', 'index-3f2a9c.js'), 'console.log("app")');
  await writeFile(join(dir, 'assets', 'index-77aa01.css'), 'body{}');
  t = await startTestServer({
    passwords: { admin: 'pw' },
    server: {
      uiDir: dir,
      health: () =>
        Promise.resolve(
          healthy
            ? { ok: true }
            : { ok: false, reason: 'the Kubernetes API at https://127.0.0.1:6443 cannot be reached' },
        ),
    },
  });
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

test('index.html at / and for every client route, never cached', async () => {
  for (const path of [
    '/',
    '/applications',
    '/applications/argocd/web',
    '/applications/argocd/web.v2',
    '/login?return=/x',
  ]) {
    const r = await t.request(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.text, INDEX, path);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/, path);
    assert.equal(r.headers.get('cache-control'), 'no-cache', path);
  }
});

test('hashed assets are immutable for a year; unhashed files are revalidated; missing assets 404', async () => {
  const js = await t.request('/assets/index-3f2a9c.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(
    (await t.request('/assets/index-77aa01.css')).headers.get('cache-control'),
    'public, max-age=31536000, immutable',
  );
  const theme = await t.request('/theme-init.js');
  assert.equal(theme.status, 200);
  assert.match(theme.headers.get('content-type') ?? '', /javascript/);
  assert.equal(theme.headers.get('cache-control'), 'no-cache');
  const missing = await t.request('/assets/index-000000.js');
  assert.equal(missing.status, 404);
  assert.notEqual(missing.text, INDEX, 'a missing script is never answered with HTML');
});

test('security headers: CSP without inline scripts, no framing by other sites, no sniffing', async () => {
  for (const path of ['/', '/api/v1/settings']) {
    const r = await t.request(path);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|;)script-src 'self'(;|$)/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.match(csp, /frame-ancestors 'self'/, path);
    assert.equal(r.headers.get('x-frame-options'), 'SAMEORIGIN', path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('access-control-allow-origin'), null, path);
  }
});

test('API, auth and probe paths are never the UI', async () => {
  const api = await t.request('/api/v1/nothing');
  assert.equal(api.status, 401);
  assert.equal(api.json['code'], 16);
  const auth = await t.request('/auth/login');
  assert.deepEqual([auth.status, auth.json['message']], [404, 'SSO is not configured']);
  const escape = await fetch(`${t.url}/..%2f..%2fpackage.json`);
  assert.notEqual(
    await escape.text().then((x) => x.includes('"name"')),
    true,
    'no file outside the UI directory',
  );
});

test('/healthz: ok, or 503 with the reason; never the UI', async () => {
  let r = await t.request('/healthz');
  assert.deepEqual(
    [r.status, r.text, r.headers.get('content-type')],
    [200, 'ok\n', 'text/plain; charset=utf-8'],
  );
  healthy = false;
  r = await t.request('/healthz');
  assert.deepEqual(
    [r.status, r.text],
    [503, 'the Kubernetes API at https://127.0.0.1:6443 cannot be reached\n'],
  );
  healthy = true;
});

test('a server whose UI is not built says how to build it', async () => {
  const s = await startTestServer({ server: { uiDir: join(dir, 'missing') } });
  try {
    const r = await s.request('/applications');
    assert.equal(r.status, 503);
    assert.match(r.text, /npm run build:ui/);
  } finally {
    await s.close();
  }
});
