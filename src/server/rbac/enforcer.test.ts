// The RBAC table: each scenario is a policy from Argo CD's RBAC documentation (or its built-in
// policy), each row a request and the answer Argo CD gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Enforcer, type RbacConfig } from './enforcer.ts';

type Row = [subject: string, resource: string, action: string, object: string, allowed: boolean];
interface Scenario {
  name: string;
  config: Partial<RbacConfig>;
  rows: Row[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'built-in roles: admin does everything, readonly gets everything, strangers nothing',
    config: { policyCsv: 'g, reader, role:readonly\ng, boss, role:admin' },
    rows: [
      ['admin', 'applications', 'get', 'default/web', true],
      ['admin', 'applications', 'sync', 'default/web', true],
      ['admin', 'applications', 'delete', 'team/ns/web', true],
      ['admin', 'applications', 'update/apps/Deployment/web/web', 'default/web', true],
      ['admin', 'applications', 'action/apps/Deployment/restart', 'default/web', true],
      ['admin', 'projects', 'create', 'team', true],
      ['admin', 'accounts', 'update', 'alice', true],
      ['admin', 'exec', 'create', 'default/web', true],
      ['admin', 'logs', 'get', 'default/web', true], // via role:admin → role:readonly
      ['admin', 'kustomizations', 'reconcile', 'flux-system/apps', true],
      ['admin', 'gitrepositories', 'update', 'flux-system/demo', true],
      ['boss', 'clusters', 'delete', 'https://kubernetes.default.svc', true],
      ['reader', 'applications', 'get', 'default/web', true],
      ['reader', 'applications', 'get', 'team/other-ns/web', true],
      ['reader', 'projects', 'get', 'default', true],
      ['reader', 'kustomizations', 'get', 'flux-system/apps', true],
      ['reader', 'applications', 'sync', 'default/web', false],
      ['reader', 'applications', 'delete', 'default/web', false],
      ['reader', 'kustomizations', 'reconcile', 'flux-system/apps', false],
      ['reader', 'exec', 'create', 'default/web', false],
      ['stranger', 'applications', 'get', 'default/web', false],
      ['', 'applications', 'get', 'default/web', false],
      ['role:readonly', 'applications', 'get', 'default/web', true], // a role is a subject too
    ],
  },
  {
    name: 'policies on users: glob objects where / is no separator',
    config: {
      policyCsv: [
        'p, example-user, applications, get, *, allow',
        'p, example-user, logs, get, example-project/my-app, allow',
        'p, dev, applications, get, */app-namespace/*, allow',
        'p, ci, applications, sync, prod/*, allow',
      ].join('\n'),
    },
    rows: [
      ['example-user', 'applications', 'get', 'any-project/any-app', true],
      ['example-user', 'logs', 'get', 'example-project/my-app', true],
      ['example-user', 'logs', 'get', 'example-project/other-app', false],
      ['example-user', 'applications', 'sync', 'any-project/any-app', false],
      ['dev', 'applications', 'get', 'team/app-namespace/web', true],
      ['dev', 'applications', 'get', 'team/other-namespace/web', false],
      ['dev', 'applications', 'get', 'team/web', false],
      ['ci', 'applications', 'sync', 'prod/web', true],
      ['ci', 'applications', 'sync', 'prod/ns/web', true], // `*` crosses `/`
      ['ci', 'applications', 'sync', 'production/web', false],
    ],
  },
  {
    name: 'fine-grained update/delete sub-actions are separate from update/delete (Argo CD 3)',
    config: {
      policyCsv: [
        'p, pod-killer, applications, delete/*/Pod/*/*, default/prod-app, allow',
        'p, editor, applications, update/*, default/prod-app, allow',
        'p, careful, applications, delete, default/prod-app, deny',
        'p, careful, applications, delete/*/Pod/*/*, default/prod-app, allow',
        'p, app-only, applications, update, default/prod-app, allow',
        'p, app-only, applications, update/*, default/prod-app, deny',
        'p, operator, applications, action//Pod/maintenance-off, default/*, allow',
        'p, operator, applications, action/extensions/DaemonSet/*, default/*, allow',
      ].join('\n'),
    },
    rows: [
      ['pod-killer', 'applications', 'delete/ /Pod/prod/web-1', 'default/prod-app', true],
      ['pod-killer', 'applications', 'delete//Pod/prod/web-1', 'default/prod-app', true],
      ['pod-killer', 'applications', 'delete/apps/Deployment/prod/web', 'default/prod-app', false],
      ['pod-killer', 'applications', 'delete', 'default/prod-app', false],
      ['editor', 'applications', 'update/apps/Deployment/prod/web', 'default/prod-app', true],
      ['editor', 'applications', 'update', 'default/prod-app', false],
      ['careful', 'applications', 'delete', 'default/prod-app', false],
      ['careful', 'applications', 'delete//Pod/prod/web-1', 'default/prod-app', true],
      ['app-only', 'applications', 'update', 'default/prod-app', true],
      ['app-only', 'applications', 'update/apps/Deployment/prod/web', 'default/prod-app', false],
      ['operator', 'applications', 'action//Pod/maintenance-off', 'default/web', true],
      ['operator', 'applications', 'action//Pod/maintenance-on', 'default/web', false],
      ['operator', 'applications', 'action/extensions/DaemonSet/restart', 'default/web', true],
      ['operator', 'applications', 'action/extensions/DaemonSet/restart', 'other/web', false],
    ],
  },
  {
    name: 'deny overrides allow, whatever the order and wherever the allow comes from',
    config: {
      policyCsv: [
        'p, role:team, applications, *, team/*, allow',
        'p, alice, applications, delete, team/*, deny',
        'g, alice, role:team',
        'p, bob, applications, sync, team/critical, deny',
        'p, bob, applications, sync, team/*, allow',
        'p, role:no-prod, applications, *, prod/*, deny',
        'g, carol, role:admin',
        'g, carol, role:no-prod',
      ].join('\n'),
    },
    rows: [
      ['alice', 'applications', 'sync', 'team/web', true],
      ['alice', 'applications', 'delete', 'team/web', false],
      ['bob', 'applications', 'sync', 'team/web', true],
      ['bob', 'applications', 'sync', 'team/critical', false],
      ['carol', 'applications', 'sync', 'dev/web', true],
      ['carol', 'applications', 'sync', 'prod/web', false],
      ['carol', 'applications', 'get', 'prod/web', false], // the deny reaches readonly's get too
    ],
  },
  {
    name: 'policy.default grants every subject at least its role, and no deny removes that',
    config: {
      policyDefault: 'role:readonly',
      policyCsv: [
        'p, mallory, applications, get, secret/*, deny',
        'p, role:authenticated, applications, get, public/*, allow',
        'p, role:authenticated, applications, sync, public/*, deny',
      ].join('\n'),
    },
    rows: [
      ['nobody-in-particular', 'applications', 'get', 'default/web', true],
      ['mallory', 'applications', 'get', 'secret/web', true], // default grant beats the user's deny
      ['mallory', 'applications', 'sync', 'secret/web', false],
      ['', 'applications', 'get', 'default/web', true],
    ],
  },
  {
    name: "a default role's deny does not reach users outside it",
    config: {
      policyDefault: 'role:authenticated',
      policyCsv: [
        'p, role:authenticated, applications, get, public/*, allow',
        'p, role:authenticated, applications, sync, public/*, deny',
        'p, dana, applications, sync, public/*, allow',
      ].join('\n'),
    },
    rows: [
      ['anyone', 'applications', 'get', 'public/web', true],
      ['anyone', 'applications', 'get', 'private/web', false],
      ['anyone', 'applications', 'sync', 'public/web', false],
      ['dana', 'applications', 'sync', 'public/web', true],
    ],
  },
  {
    name: 'roles inherit transitively; effects other than allow/deny are inert',
    config: {
      policyCsv: [
        'g, role:a, role:b',
        'g, role:b, role:c',
        'p, role:c, repositories, get, *, allow',
        'g, erin, role:a',
        'p, frank, applications, get, */*, Allow',
        'p, grace, applications, get, */*, allow',
        'p, grace, applications, get, */*, maybe',
      ].join('\n'),
    },
    rows: [
      ['erin', 'repositories', 'get', 'https://github.com/argoproj/argo-cd.git', true],
      ['role:b', 'repositories', 'get', 'x', true],
      ['frank', 'applications', 'get', 'default/web', false],
      ['grace', 'applications', 'get', 'default/web', true],
    ],
  },
  {
    name: 'policy.matchMode regex',
    config: {
      matchMode: 'regex',
      policyCsv: [
        'p, alice, applications, get, ^team-(a|b)/.*$, allow',
        'p, bob, applications, .*, ^prod/, allow',
      ].join('\n'),
    },
    rows: [
      ['alice', 'applications', 'get', 'team-a/web', true],
      ['alice', 'applications', 'get', 'team-c/web', false],
      ['bob', 'applications', 'sync', 'prod/web', true],
      ['bob', 'applications', 'sync', 'staging/prod/web', false],
    ],
  },
];

for (const s of SCENARIOS) {
  test(s.name, () => {
    const enf = new Enforcer(s.config);
    const wrong = s.rows.filter(([sub, res, act, obj, want]) => enf.enforce(sub, res, act, obj) !== want);
    assert.deepEqual(wrong, [], 'rows whose answer differs from Argo CD');
  });
}

test('an invalid user policy is refused at construction with its line', () => {
  assert.throws(() => new Enforcer({ policyCsv: 'p, alice, applications, get\n' }), /policy\.csv: line 1/);
});

test('a project runtime policy adds rules; an invalid one is ignored', () => {
  const enf = new Enforcer({ policyCsv: 'p, alice, applications, delete, team/*, deny' });
  const proj = 'p, proj:team:dev, applications, *, team/*, allow\ng, alice, proj:team:dev';
  assert.equal(
    enf.enforceWithProject('team', proj, 'proj:team:dev', 'applications', 'sync', 'team/web'),
    true,
  );
  assert.equal(enf.enforceWithProject('team', proj, 'alice', 'applications', 'sync', 'team/web'), true);
  // the global deny still wins over the project's allow
  assert.equal(enf.enforceWithProject('team', proj, 'alice', 'applications', 'delete', 'team/web'), false);
  assert.equal(enf.enforce('proj:team:dev', 'applications', 'sync', 'team/web'), false);
  assert.equal(
    enf.enforceWithProject('team', 'p, broken', 'admin', 'applications', 'sync', 'team/web'),
    true,
  );
  assert.equal(
    enf.enforceWithProject('team', 'p, broken', 'proj:team:dev', 'applications', 'sync', 'team/web'),
    false,
  );
});
