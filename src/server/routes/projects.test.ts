// AppProject roles and their JWT tokens, over HTTP: issue, use within the project only, refuse
// tokens the project does not record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt, SignJWT } from 'jose';
import type { AppProject } from '../rbac/projects.ts';
import { SECRET_KEY, startTestServer, type TestServer } from '../test-server.ts';

const project = (name: string, roles: AppProject['spec']['roles'] = []): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name, namespace: 'argocd' },
  spec: { roles },
});

let t: TestServer;
let admin: string;

before(async () => {
  t = await startTestServer({
    passwords: { admin: 'admin-pw', alice: 'alice-pw' },
    config: { 'accounts.alice': 'login' },
    rbac: { 'policy.csv': 'p, alice, projects, get, other, allow' },
    projects: [
      project('team', [
        { name: 'ci', policies: ['p, proj:team:ci, applications, sync, team/*, allow'], groups: ['team-ci'] },
        { name: 'viewer', policies: ['p, proj:team:viewer, applications, get, team/*, allow'] },
      ]),
      project('other'),
    ],
  });
  admin = await t.login('admin', 'admin-pw');
});
after(() => t.close());

async function issue(role: string, body: unknown = {}): Promise<string> {
  const r = await t.request(`/api/v1/projects/team/roles/${role}/token`, {
    method: 'POST',
    token: admin,
    body,
  });
  assert.equal(r.status, 200, r.text);
  return r.json['token'] as string;
}

test('a project-role token acts as proj:<project>:<role> inside its project only', async () => {
  const token = await issue('ci', { expiresIn: 600 });
  const claims = decodeJwt(token);
  assert.deepEqual(
    [claims.iss, claims.sub, (claims.exp ?? 0) - (claims.iat ?? 0)],
    ['argocd', 'proj:team:ci', 600],
  );
  assert.equal((await t.request('/api/v1/session/userinfo', { token })).json['username'], 'proj:team:ci');
  const canI = async (path: string) =>
    (await t.request(`/api/v1/account/can-i/${path}`, { token })).json['value'];
  assert.equal(await canI('applications/sync/team/web'), 'yes');
  assert.equal(await canI('applications/sync/team/apps-ns/web'), 'yes');
  assert.equal(await canI('applications/sync/other/web'), 'no');
  assert.equal(await canI('applications/delete/team/web'), 'no');
  assert.equal(await canI('projects/get/team'), 'yes', 'every role may get its own project');
  // RBAC on the projects routes: only the own project is listed; another is a 403 naming the subject.
  const list = await t.request('/api/v1/projects', { token });
  assert.deepEqual(
    (list.json['items'] as AppProject[]).map((p) => p.metadata.name),
    ['team'],
  );
  const other = await t.request('/api/v1/projects/other', { token });
  assert.deepEqual(
    [other.status, other.json['code'], other.json['message']],
    [403, 7, 'permission denied: projects, get, other, sub: proj:team:ci'],
  );
  // The issued token is recorded on the role, as Argo CD does (spec and status).
  const team = (await t.request('/api/v1/projects/team', { token: admin })).json as unknown as AppProject;
  assert.deepEqual(
    team.spec.roles?.[0]?.jwtTokens?.map((x) => x.id),
    [claims.jti],
  );
  assert.deepEqual(
    team.status?.jwtTokensByRole?.['ci']?.items?.map((x) => x.id),
    [claims.jti],
  );
});

test('a token the project does not record is refused, even when correctly signed', async () => {
  const now = Math.floor(t.clock.now / 1000);
  const forged = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('argocd')
    .setSubject('proj:team:ci')
    .setIssuedAt(now)
    .setJti('never-issued')
    .sign(new TextEncoder().encode(SECRET_KEY));
  const r = await t.request('/api/v1/projects', { token: forged });
  assert.equal(r.status, 401);
  assert.equal(
    r.json['message'],
    `invalid session: JWT token for role 'ci' issued at '${now}' does not exist in project 'team'`,
  );
  const wrongKey = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('argocd')
    .setSubject('admin:login')
    .setIssuedAt(now)
    .setJti('x')
    .sign(new TextEncoder().encode('another-key'));
  assert.equal(
    (await t.request('/api/v1/projects', { token: wrongKey })).json['message'],
    'invalid session: signature is invalid',
  );
});

test('roles and users without projects/update cannot issue project tokens; reused ids are refused', async () => {
  const alice = await t.login('alice', 'alice-pw');
  const r = await t.request('/api/v1/projects/team/roles/ci/token', {
    method: 'POST',
    token: alice,
    body: {},
  });
  assert.deepEqual(
    [r.status, r.json['message']],
    [403, 'permission denied: projects, update, team, sub: alice'],
  );
  const missing = await t.request('/api/v1/projects/team/roles/nope/token', {
    method: 'POST',
    token: admin,
    body: {},
  });
  assert.deepEqual(
    [missing.status, missing.json['message']],
    [404, "project 'team' does not have role 'nope'"],
  );
  await issue('viewer', { id: 'v-1' });
  const again = await t.request('/api/v1/projects/team/roles/viewer/token', {
    method: 'POST',
    token: admin,
    body: { id: 'v-1' },
  });
  assert.deepEqual([again.status, again.json['code']], [400, 3]);
  // alice is allowed `projects get other` by the global policy, and sees only that.
  const list = await t.request('/api/v1/projects', { token: alice });
  assert.deepEqual(
    (list.json['items'] as AppProject[]).map((p) => p.metadata.name),
    ['other'],
  );
});
