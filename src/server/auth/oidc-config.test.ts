import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOidcConfig } from './oidc-config.ts';
import { groupsFromClaims } from './oidc-login.ts';
import { safeReturnUrl } from '../routes/oidc.ts';

test('oidc.config as Argo CD reads it: $ references into argocd-secret, default scopes', () => {
  const { config } = parseOidcConfig(
    'name: Okta\nissuer: https://idp.example\nclientID: argo\nclientSecret: $oidc.okta.clientSecret\n',
    { 'oidc.okta.clientSecret': 's3cret' },
  );
  assert.deepEqual(config, {
    name: 'Okta',
    issuer: 'https://idp.example',
    clientID: 'argo',
    clientSecret: 's3cret',
    requestedScopes: ['openid', 'profile', 'email', 'groups'],
    requestedIDTokenClaims: undefined,
  });
  const scoped = parseOidcConfig('issuer: https://i\nclientID: c\nrequestedScopes: [email]\n', {});
  assert.deepEqual(scoped.config?.requestedScopes, ['openid', 'email'], 'openid is always asked for');
  assert.equal(scoped.config?.clientSecret, undefined, 'a public client');
});

test('an unusable oidc.config says why and offers no login', () => {
  assert.match(parseOidcConfig('issuer: [', {}).error ?? '', /oidc.config: not YAML/);
  assert.match(parseOidcConfig('name: x\n', {}).error ?? '', /issuer and clientID are required/);
  assert.match(
    parseOidcConfig('issuer: https://i\nclientID: c\nclientSecret: $missing\n', {}).error ?? '',
    /argocd-secret has no key missing/,
  );
  assert.deepEqual(parseOidcConfig('', {}), {});
});

test('groups come from the claims `scopes` names; return URLs stay on this server', () => {
  const claims = { groups: ['a', 'b', 'a'], email: 'x@example.com', other: 1 };
  assert.deepEqual(groupsFromClaims(claims, ['groups']), ['a', 'b']);
  assert.deepEqual(groupsFromClaims(claims, ['groups', 'email']), ['a', 'b', 'x@example.com']);
  assert.equal(safeReturnUrl('/applications/argocd/web'), '/applications/argocd/web');
  for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', undefined, ''])
    assert.equal(safeReturnUrl(bad), '/applications');
});
