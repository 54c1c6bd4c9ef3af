// Login, cookies, CSRF, 401s, expiry, logout and the login brake, against a real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer } from '../test-server.ts';

let t: TestServer;
const cookieOf = (setCookie: string | null) => (setCookie ?? '').split(';')[0]!;

before(async () => {
  t = await startTestServer({
    passwords: { admin: 'admin-pw', alice: 'alice-pw', carol: 'carol-pw', dave: 'dave-pw' },
    config: {
      'accounts.alice': 'login',
      'accounts.carol': 'apiKey',
      'accounts.dave': 'login',
      'accounts.dave.enabled': 'false',
    },
    secret: {},
  });
});
after(() => t.close());

test('login returns an Argo CD token and sets the HttpOnly SameSite=Strict cookie', async () => {
  const r = await t.request('/api/v1/session', {
    method: 'POST',
    body: { username: 'admin', password: 'admin-pw' },
  });
  assert.equal(r.status, 200);
  const token = r.json['token'] as string;
  const claims = decodeJwt(token);
  assert.equal(claims.iss, 'argocd');
  assert.equal(claims.sub, 'admin:login');
  assert.equal(typeof claims.jti, 'string');
  assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 24 * 3600);
  const cookie = r.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^argocd\.token=[\w-]+\.[\w-]+\.[\w-]+;/);
  assert.equal(cookieOf(cookie), `argocd.token=${token}`);
  for (const attr of ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=86400'])
    assert.ok(cookie.includes(attr), attr);
  assert.ok(!cookie.includes('Secure'), 'no Secure flag over plain HTTP');
});

test('wrong password and unknown user get the same 401', async () => {
  for (const body of [
    { username: 'alice', password: 'nope' },
    { username: 'nobody', password: 'nope' },
  ]) {
    const r = await t.request('/api/v1/session', { method: 'POST', body });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, {
      error: 'Invalid username or password',
      code: 16,
      message: 'Invalid username or password',
    });
    assert.equal(r.headers.get('set-cookie'), null);
  }
});

test('missing fields, disabled accounts and accounts without login are refused clearly', async () => {
  let r = await t.request('/api/v1/session', { method: 'POST', body: { password: 'x' } });
  assert.deepEqual([r.status, r.json['code'], r.json['message']], [400, 3, 'username is required']);
  r = await t.request('/api/v1/session', { method: 'POST', body: { username: 'alice' } });
  assert.deepEqual([r.status, r.json['message']], [400, 'password is required']);
  r = await t.request('/api/v1/session', { method: 'POST', body: { username: 'dave', password: 'dave-pw' } });
  assert.deepEqual([r.status, r.json['message']], [401, 'account dave is disabled']);
  r = await t.request('/api/v1/session', {
    method: 'POST',
    body: { username: 'carol', password: 'carol-pw' },
  });
  assert.deepEqual([r.status, r.json['message']], [401, 'account carol does not have login capability']);
});

test('login needs a JSON body (no form posts from other sites)', async () => {
  const r = await t.request('/api/v1/session', {
    method: 'POST',
    body: 'username=admin&password=admin-pw',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 403);
  assert.equal(r.json['code'], 7);
  assert.match(r.json['message'] as string, /^CSRF check failed: Content-Type application\/json required/);
  const plain = await t.request('/api/v1/session', {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(plain.status, 403);
});

test('protected routes answer 401 without a session, public ones do not', async () => {
  for (const path of [
    '/api/v1/applications',
    '/api/v1/projects',
    '/api/v1/account',
    '/metrics',
    '/api/v1/stream/applications',
    '/api/v1/no-such-thing',
  ]) {
    const r = await t.request(path);
    assert.equal(r.status, 401, path);
    assert.deepEqual(
      r.json,
      { error: 'no session information', code: 16, message: 'no session information' },
      path,
    );
  }
  for (const path of ['/api/v1/settings', '/api/v1/session/userinfo', '/api/version', '/healthz']) {
    assert.equal((await t.request(path)).status, 200, path);
  }
  const bad = await t.request('/api/v1/applications', { token: 'not.a.jwt' });
  assert.deepEqual([bad.status, bad.json['message']], [401, 'invalid session: token is malformed']);
});

test('userinfo and version: anonymous and logged in; the header wins over the cookie', async () => {
  assert.deepEqual((await t.request('/api/v1/session/userinfo')).json, { loggedIn: false });
  const token = await t.login('alice', 'alice-pw');
  const info = await t.request('/api/v1/session/userinfo', { token });
  assert.deepEqual(info.json, { loggedIn: true, username: 'alice', iss: 'argocd', groups: [] });
  const admin = await t.login('admin', 'admin-pw');
  const both = await t.request('/api/v1/session/userinfo', { token, cookie: `argocd.token=${admin}` });
  assert.equal(both.json['username'], 'alice');
  assert.deepEqual(Object.keys((await t.request('/api/version')).json), ['Version']);
  assert.deepEqual(Object.keys((await t.request('/api/version', { token })).json).sort(), [
    'BuildDate',
    'GitCommit',
    'KubeVersion',
    'Platform',
    'Version',
  ]);
});

test('cookie sessions need X-Requested-With for changes; bearer sessions do not', async () => {
  const token = await t.login('admin', 'admin-pw');
  const cookie = `argocd.token=${token}`;
  assert.equal((await t.request('/api/v1/applications', { cookie })).status, 200, 'GET needs no header');
  const path = '/api/v1/account/admin/token';
  let r = await t.request(path, { method: 'POST', cookie, body: {} });
  assert.equal(r.status, 403);
  assert.deepEqual(r.json, {
    error: 'CSRF check failed: X-Requested-With header required for cookie-authenticated requests',
    code: 7,
    message: 'CSRF check failed: X-Requested-With header required for cookie-authenticated requests',
  });
  r = await t.request(path, {
    method: 'POST',
    cookie,
    body: 'x=1',
    headers: { 'x-requested-with': 'capstan', 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 403);
  assert.match(r.json['message'] as string, /Content-Type application\/json required/);
  // With the header the request reaches the route (admin has no apiKey capability: a 400, not a 403).
  r = await t.request(path, { method: 'POST', cookie, body: {}, headers: { 'x-requested-with': 'capstan' } });
  assert.deepEqual([r.status, r.json['message']], [400, "account 'admin' does not have apiKey capability"]);
  r = await t.request(path, { method: 'POST', token, body: {} });
  assert.equal(r.status, 400, 'bearer requests are exempt from the CSRF rule');
  // No CORS: a preflight is never approved.
  const pre = await fetch(t.url + path, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(pre.headers.get('access-control-allow-origin'), null);
});

test('sessions expire after users.session.duration', async () => {
  const s = await startTestServer({ passwords: { admin: 'pw' }, config: { 'users.session.duration': '1h' } });
  try {
    const token = await s.login('admin', 'pw');
    const claims = decodeJwt(token);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);
    assert.equal((await s.request('/api/v1/applications', { token })).status, 200);
    s.clock.now += 3601_000;
    const r = await s.request('/api/v1/applications', { token });
    assert.deepEqual(
      [r.status, r.json['code'], r.json['message']],
      [401, 16, 'invalid session: token is expired'],
    );
    assert.deepEqual((await s.request('/api/v1/session/userinfo', { token })).json, { loggedIn: false });
  } finally {
    await s.close();
  }
});

test('logout revokes the token and clears the cookie; logout without a session is fine', async () => {
  const token = await t.login('alice', 'alice-pw');
  const other = await t.login('alice', 'alice-pw');
  const r = await t.request('/api/v1/session', {
    method: 'DELETE',
    cookie: `argocd.token=${token}`,
    headers: { 'x-requested-with': 'capstan' },
  });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { token: '' });
  const cleared = r.headers.get('set-cookie') ?? '';
  assert.match(cleared, /^argocd\.token=;/);
  assert.ok(cleared.includes('Max-Age=0') && cleared.includes('HttpOnly'));
  const after = await t.request('/api/v1/applications', { token });
  assert.deepEqual(
    [after.status, after.json['message']],
    [401, 'invalid session: token is revoked, please re-login'],
  );
  assert.equal(
    (await t.request('/api/v1/applications', { token: other })).status,
    200,
    'other sessions live on',
  );
  const revoked = await t.settings.revokedTokens({ signal: AbortSignal.timeout(5000) });
  assert.ok(
    revoked.some((x) => x.id === decodeJwt(token).jti),
    'the revocation is persisted through the settings source',
  );
  assert.equal((await t.request('/api/v1/session', { method: 'DELETE' })).status, 200);
});

test('a cookie logout without X-Requested-With is refused (CSRF)', async () => {
  const token = await t.login('alice', 'alice-pw');
  const r = await t.request('/api/v1/session', { method: 'DELETE', cookie: `argocd.token=${token}` });
  assert.equal(r.status, 403);
  assert.equal((await t.request('/api/v1/applications', { token })).status, 200, 'the session survives');
});

test('five failures lock the username for the window, with 429 and Retry-After', async () => {
  const s = await startTestServer({
    passwords: { admin: 'pw', eve: 'eve-pw' },
    config: { 'accounts.eve': 'login' },
  });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await s.request('/api/v1/session', {
        method: 'POST',
        body: { username: 'eve', password: `guess-${i}` },
      });
      assert.equal(r.status, 401);
    }
    let r = await s.request('/api/v1/session', {
      method: 'POST',
      body: { username: 'eve', password: 'eve-pw' },
    });
    assert.equal(r.status, 429, 'even the right password is refused while locked');
    assert.deepEqual(
      [r.json['code'], r.json['message']],
      [8, 'too many failed login attempts, try again in 300 s'],
    );
    assert.equal(r.headers.get('retry-after'), '300');
    assert.equal(await s.login('admin', 'pw').then(() => 'ok'), 'ok', 'other usernames are unaffected');
    s.clock.now += 120_000;
    r = await s.request('/api/v1/session', { method: 'POST', body: { username: 'eve', password: 'eve-pw' } });
    assert.deepEqual([r.status, r.headers.get('retry-after')], [429, '180']);
    s.clock.now += 181_000;
    assert.equal(
      (await s.request('/api/v1/session', { method: 'POST', body: { username: 'eve', password: 'eve-pw' } }))
        .status,
      200,
    );
    const metrics = await s.request('/metrics', { token: await s.login('admin', 'pw') });
    assert.match(metrics.text, /^argocd_login_request_total\{status="failure"\} 7$/m);
  } finally {
    await s.close();
  }
});

test('bodies over 1 MiB get 413 with code 8; malformed JSON 400 with code 3', async () => {
  const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(1024 * 1024) });
  const r = await t.request('/api/v1/session', { method: 'POST', body: big });
  assert.deepEqual([r.status, r.json['code']], [413, 8]);
  const bad = await t.request('/api/v1/session', { method: 'POST', body: '{"username": ' });
  assert.deepEqual([bad.status, bad.json['code']], [400, 3]);
});

test('unknown API paths are 404, known paths with the wrong method 405', async () => {
  const token = await t.login('admin', 'admin-pw');
  const r = await t.request('/api/v1/nothing-here', { token });
  assert.deepEqual([r.status, r.json], [404, { error: 'Not Found', code: 5, message: 'Not Found' }]);
  const m = await t.request('/api/v1/settings', { method: 'PUT', token, body: {} });
  assert.deepEqual(
    [m.status, m.json],
    [405, { error: 'Method Not Allowed', code: 12, message: 'Method Not Allowed' }],
  );
});
