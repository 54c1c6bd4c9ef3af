import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, policyCsv, PolicyError } from './policy.ts';

test('p and g lines, comments, blank lines, quoted fields', () => {
  const p = parsePolicy(
    [
      '# a comment',
      '',
      '  p, alice, applications, get, default/*, allow  ',
      'p, "my-org:team,alpha", applications, sync, "my-project/*", deny',
      'g, alice, role:admin',
    ].join('\n'),
    'test',
  );
  assert.deepEqual(p.rules, [
    { subject: 'alice', resource: 'applications', action: 'get', object: 'default/*', effect: 'allow' },
    {
      subject: 'my-org:team,alpha',
      resource: 'applications',
      action: 'sync',
      object: 'my-project/*',
      effect: 'deny',
    },
  ]);
  assert.deepEqual(p.groups, [{ member: 'alice', role: 'role:admin' }]);
});

test('a malformed line rejects the policy, naming source and line', () => {
  assert.throws(
    () => parsePolicy('p, a, b, c\n', 'argocd-rbac-cm policy.csv'),
    (err: unknown) => {
      assert.ok(err instanceof PolicyError);
      assert.equal(err.code, 'RBAC_POLICY_INVALID');
      assert.match(err.message, /^argocd-rbac-cm policy\.csv: line 1: invalid RBAC policy: p, a, b, c$/);
      return true;
    },
  );
  assert.throws(() => parsePolicy('g, a, b, c', 'x'), /line 1/);
  assert.throws(() => parsePolicy('x, a, b', 'x'), /line 1/);
  assert.throws(() => parsePolicy('\n\np, "unclosed, b, c, d, e', 'x'), /line 3/);
});

test('policy.csv first, then policy.<name>.csv overlays in key order', () => {
  const csv = policyCsv({
    'policy.B.csv': 'p, b, x, y, z, allow',
    'policy.csv': 'p, main, x, y, z, allow',
    'policy.A.csv': 'p, a, x, y, z, allow',
    'policy.default': 'role:readonly',
  });
  assert.deepEqual(
    parsePolicy(csv, 'x').rules.map((r) => r.subject),
    ['main', 'a', 'b'],
  );
});
