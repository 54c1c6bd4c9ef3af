// Argo CD's claims enforcement: default role, project runtime policies, project-confined role
// subjects, and groups (only those a `g` line names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Authorizer, applicationObject, resourceAction, type Subject } from './authorizer.ts';
import { Enforcer } from './enforcer.ts';
import { staticProjectSource, type AppProject } from './projects.ts';

const team: AppProject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'team' },
  spec: {
    roles: [
      {
        name: 'deployer',
        policies: ['p, proj:team:deployer, applications, sync, team/*, allow'],
        groups: ['org:deployers'],
      },
    ],
  },
};

const enforcer = new Enforcer({
  policyCsv: [
    'p, org:viewers, applications, get, */*, allow',
    'g, org:admins, role:admin',
    'p, org:ungrouped, applications, get, */*, allow', // no `g` line: never consulted (Argo CD)
    'p, org:deployers, applications, delete, team/*, deny',
    'g, org:viewers, role:nothing',
  ].join('\n'),
});
const authorizer = new Authorizer({ enforcer: () => enforcer, projects: staticProjectSource([team]) });
const who = (name: string, ...groups: string[]): Subject => ({ name, groups });

const ROWS: [Subject, string, string, string, boolean][] = [
  [who('sso-user', 'org:admins'), 'applications', 'delete', 'any/web', true],
  [who('sso-user', 'org:viewers'), 'applications', 'get', 'any/web', true],
  [who('sso-user', 'org:viewers'), 'applications', 'sync', 'any/web', false],
  [who('sso-user', 'org:ungrouped'), 'applications', 'get', 'any/web', false],
  [who('sso-user', 'org:deployers'), 'applications', 'sync', 'team/web', true], // via the project role's groups
  [who('sso-user', 'org:deployers'), 'applications', 'sync', 'other/web', false],
  [who('sso-user', 'org:deployers'), 'projects', 'get', 'team', true],
  [who('proj:team:deployer'), 'applications', 'sync', 'team/web', true],
  [who('proj:team:deployer'), 'applications', 'sync', 'other/web', false],
  [who('proj:other:deployer'), 'applications', 'sync', 'team/web', false], // confined to its own project
  [who('proj:team:deployer'), 'projects', 'get', 'team', true],
  [who('proj:team:deployer'), 'projects', 'get', 'other', false],
  [who('admin'), 'applications', 'sync', 'team/web', true],
  [who('nobody'), 'applications', 'get', 'team/web', false],
];

test('claims enforcement table', () => {
  const wrong = ROWS.filter(([s, r, a, o, want]) => authorizer.enforce(s, r, a, o) !== want);
  assert.deepEqual(wrong, []);
});

test('check throws the 403 that names what was refused', () => {
  assert.throws(
    () => authorizer.check(who('bob'), 'applications', 'sync', 'default/web'),
    (err: unknown) => {
      const e = err as { status: number; grpcCode: number; message: string };
      assert.deepEqual(
        [e.status, e.grpcCode, e.message],
        [403, 7, 'permission denied: applications, sync, default/web, sub: bob'],
      );
      return true;
    },
  );
});

test('RBAC objects for applications and fine-grained actions', () => {
  assert.equal(applicationObject('default', 'argocd', 'web', 'argocd'), 'default/web');
  assert.equal(applicationObject('default', 'team-apps', 'web', 'argocd'), 'default/team-apps/web');
  assert.equal(
    resourceAction('update', { group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' }),
    'update/apps/Deployment/prod/web',
  );
  assert.equal(
    resourceAction('delete', { kind: 'Pod', namespace: 'prod', name: 'web-1' }),
    'delete//Pod/prod/web-1',
  );
});
