// API tokens for local accounts (Argo CD's `argocd account generate-token`), over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer } from '../test-server.ts';

let t: TestServer;
let admin: string;
const signal = () => AbortSignal.timeout(5000);

before(async () => {
  t = await startTestServer({
    passwords: { admin: 'admin-pw', alice: 'alice-pw' },
    config: { 'accounts.ci': 'apiKey', 'accounts.alice': 'apiKey, login' },
    rbac: { 'policy.csv': 'p, ci, applications, get, */*, allow' },
  });
  admin = await t.login('admin', 'admin-pw');
});
after(() => t.close());

test('an admin issues a token for an apiKey account; it works as a Bearer and is recorded', async () => {
  const r = await t.request('/api/v1/account/ci/token', {
    method: 'POST',
    token: admin,
    body: { id: 'ci-1', expiresIn: 3600 },
  });
  assert.equal(r.status, 200);
  const token = r.json['token'] as string;
  const claims = decodeJwt(token);
  assert.deepEqual(
    [claims.iss, claims.sub, claims.jti, (claims.exp ?? 0) - (claims.iat ?? 0)],
    ['argocd', 'ci:apiKey', 'ci-1', 3600],
  );
  assert.deepEqual((await t.request('/api/v1/session/userinfo', { token })).json, {
    loggedIn: true,
    username: 'ci',
    iss: 'argocd',
    groups: [],
  });
  assert.equal((await t.request('/metrics', { token })).status, 200, 'Prometheus scrapes with an API token');
  const { secret } = await t.settings.read({ signal: signal() });
  const records = JSON.parse(secret['accounts.ci.tokens'] ?? '[]') as {
    id: string;
    iat: number;
    exp: number;
  }[];
  assert.deepEqual(
    records.map((x) => [x.id, x.exp - x.iat]),
    [['ci-1', 3600]],
  );
  const account = await t.request('/api/v1/account/ci', { token: admin });
  assert.deepEqual(account.json['capabilities'], ['apiKey']);
  assert.deepEqual(
    (account.json['tokens'] as { id: string }[]).map((x) => x.id),
    ['ci-1'],
  );
  const dup = await t.request('/api/v1/account/ci/token', {
    method: 'POST',
    token: admin,
    body: { id: 'ci-1' },
  });
  assert.deepEqual([dup.status, dup.json['code']], [409, 6]);
});

test('deleting the token record revokes the token', async () => {
  const token = (
    await t.request('/api/v1/account/ci/token', { method: 'POST', token: admin, body: { id: 'ci-2' } })
  ).json['token'] as string;
  assert.equal(decodeJwt(token).exp, undefined, 'no expiresIn: the token never expires');
  assert.equal((await t.request('/api/v1/applications', { token })).status, 200);
  assert.equal(
    (await t.request('/api/v1/account/ci/token/ci-2', { method: 'DELETE', token: admin })).status,
    200,
  );
  const r = await t.request('/api/v1/applications', { token });
  assert.deepEqual(
    [r.status, r.json['message']],
    [401, 'invalid session: account ci does not have token with id ci-2'],
  );
});

test('login tokens cannot be forged into API tokens, nor API tokens used after the capability goes', async () => {
  const s = await startTestServer({ passwords: { admin: 'pw' }, config: { 'accounts.bot': 'apiKey' } });
  try {
    const a = await s.login('admin', 'pw');
    const token = (await s.request('/api/v1/account/bot/token', { method: 'POST', token: a, body: {} })).json[
      'token'
    ] as string;
    assert.equal((await s.request('/api/v1/projects', { token })).status, 200);
    // The operator removes the capability from argocd-cm: the same token stops working.
    const source = s.settings as unknown as { read: typeof s.settings.read };
    const current = await source.read({ signal: signal() });
    const config = { ...current.config, 'accounts.bot': 'login' };
    s.settings.read = () => Promise.resolve({ ...current, config });
    const r = await s.request('/api/v1/projects', { token });
    assert.deepEqual(
      [r.status, r.json['message']],
      [401, "invalid session: account bot does not have 'apiKey' capability"],
    );
  } finally {
    await s.close();
  }
});

test('an account manages its own tokens; others need accounts/update', async () => {
  const alice = await t.login('alice', 'alice-pw');
  const own = await t.request('/api/v1/account/alice/token', { method: 'POST', token: alice, body: {} });
  assert.equal(own.status, 200);
  const other = await t.request('/api/v1/account/ci/token', { method: 'POST', token: alice, body: {} });
  assert.deepEqual(
    [other.status, other.json['code'], other.json['message']],
    [403, 7, 'permission denied: accounts, update, ci, sub: alice'],
  );
  const ci = (await t.request('/api/v1/account/ci/token', { method: 'POST', token: admin, body: {} })).json[
    'token'
  ] as string;
  const canI = async (path: string) =>
    (await t.request(`/api/v1/account/can-i/${path}`, { token: ci })).json['value'];
  assert.equal(await canI('applications/get/default/web'), 'yes');
  assert.equal(await canI('applications/sync/default/web'), 'no');
  const list = await t.request('/api/v1/account', { token: alice });
  assert.deepEqual(list.json['items'], [], 'without accounts/get nothing is listed');
  const all = await t.request('/api/v1/account', { token: admin });
  assert.deepEqual(
    (all.json['items'] as { name: string }[]).map((a) => a.name),
    ['admin', 'alice', 'ci'],
  );
});
