import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  globMatches,
  isDestinationPermitted,
  isGroupKindPermitted,
  isSourcePermitted,
  syncWindowsAllow,
  windowActive,
} from './project.ts';

describe('AppProject rules', () => {
  it('matches globs as Argo CD does: * crosses slashes, {a,b} alternatives', () => {
    assert.ok(globMatches('https://github.com/org/*', 'https://github.com/org/team/repo.git'));
    assert.ok(globMatches('team-{a,b}', 'team-b'));
    assert.ok(!globMatches('team-{a,b}', 'team-c'));
    assert.ok(globMatches('ns-?', 'ns-1'));
  });

  it('sourceRepos: any match allows, a negated match denies', () => {
    const spec = { sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret.git'] };
    assert.ok(isSourcePermitted(spec, 'https://github.com/org/app.git'));
    assert.ok(!isSourcePermitted(spec, 'https://github.com/org/secret.git'));
    assert.ok(!isSourcePermitted(spec, 'https://gitlab.com/x/y.git'));
    assert.ok(!isSourcePermitted({}, 'https://github.com/org/app.git'));
  });

  it('destinations: server or name with namespace globs, negation denies', () => {
    const spec = {
      destinations: [
        { server: '*', namespace: 'team-*' },
        { server: '*', namespace: '!team-secret' },
      ],
    };
    const dst = (namespace: string) => ({
      server: 'https://kubernetes.default.svc',
      name: 'in-cluster',
      namespace,
    });
    assert.ok(isDestinationPermitted(spec, dst('team-a')));
    assert.ok(!isDestinationPermitted(spec, dst('team-secret')));
    assert.ok(!isDestinationPermitted(spec, dst('default')));
    assert.ok(isDestinationPermitted({ destinations: [{ name: 'in-cluster', namespace: '*' }] }, dst('x')));
  });

  it('cluster-scoped kinds need a whitelist entry; namespaced ones are open unless listed', () => {
    assert.ok(!isGroupKindPermitted({}, '', 'Namespace', false));
    assert.ok(
      isGroupKindPermitted({ clusterResourceWhitelist: [{ group: '*', kind: '*' }] }, '', 'Namespace', false),
    );
    assert.ok(isGroupKindPermitted({}, 'apps', 'Deployment', true));
    assert.ok(
      !isGroupKindPermitted(
        { namespaceResourceBlacklist: [{ group: '', kind: 'Secret' }] },
        '',
        'Secret',
        true,
      ),
    );
    assert.ok(
      !isGroupKindPermitted(
        { namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }] },
        '',
        'ConfigMap',
        true,
      ),
    );
  });

  it('sync windows: deny beats allow, manualSync lets manual syncs through, allow windows gate', () => {
    const now = new Date('2026-01-05T10:30:00Z');
    const target = { app: 'web', namespace: 'prod', cluster: 'https://kubernetes.default.svc' };
    const deny = { kind: 'deny' as const, schedule: '0 10 * * *', duration: '1h', applications: ['*'] };
    assert.ok(windowActive(deny, now));
    assert.ok(!windowActive(deny, new Date('2026-01-05T11:30:00Z')));
    assert.equal(syncWindowsAllow([deny], target, false, now).allowed, false);
    assert.equal(syncWindowsAllow([{ ...deny, manualSync: true }], target, true, now).allowed, true);
    const allow = { kind: 'allow' as const, schedule: '0 22 * * *', duration: '1h', namespaces: ['prod'] };
    assert.equal(syncWindowsAllow([allow], target, false, now).allowed, false);
    assert.equal(syncWindowsAllow([allow], target, false, new Date('2026-01-05T22:10:00Z')).allowed, true);
    assert.equal(syncWindowsAllow([allow], { ...target, namespace: 'dev' }, false, now).allowed, true);
  });
});
