import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../core/index.ts';
import { AppliedSets, holds } from './applied-set.ts';

const cm = (data: Record<string, unknown>, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'ns', labels },
  data,
});
const key = { group: '', kind: 'ConfigMap', namespace: 'ns', name: 'a' };

describe('drift against what was applied', () => {
  it('ignores what others added and sees what they changed or removed', () => {
    assert.ok(holds({ a: 1, b: { c: [1, 2] }, extra: true }, { a: 1, b: { c: [1, 2] } }));
    assert.ok(holds({ n: 3 }, { n: '3' }), 'numbers and their text are equal');
    assert.ok(!holds({ a: 2 }, { a: 1 }));
    assert.ok(!holds({ b: {} }, { b: { c: 1 } }));
    assert.ok(!holds({ l: [1] }, { l: [1, 2] }), 'lists keep their length');
  });

  it('knows each Kustomization’s objects; unknown objects count as drift', () => {
    const sets = new AppliedSets();
    sets.set('flux-system/apps', [cm({ x: 'git' })]);
    const live = cm({ x: 'git' }, { 'kustomize.toolkit.fluxcd.io/name': 'apps' });
    assert.equal(sets.drifted('flux-system/apps', key, live), false);
    assert.equal(sets.drifted('flux-system/apps', key, cm({ x: 'hand' })), true);
    assert.equal(sets.drifted('flux-system/other', key, live), true);
    sets.delete('flux-system/apps');
    assert.equal(sets.drifted('flux-system/apps', key, live), true);
  });
});
