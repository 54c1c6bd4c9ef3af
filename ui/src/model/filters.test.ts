import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appQuery, emptyFilters, fluxQuery, formatFilters, parseFilters } from './filters.ts';

test('filters round-trip through the URL and drop values the server would refuse', () => {
  const f = parseFilters(
    '?search=web&proj=default,team&sync=OutOfSync,Bogus&health=Degraded&namespace=web&labels=env%3Dprod&view=list',
  );
  assert.deepEqual(f.projects, ['default', 'team']);
  assert.deepEqual(f.sync, ['OutOfSync']);
  assert.equal(f.view, 'list');
  assert.deepEqual(parseFilters(formatFilters(f)), f);
  assert.equal(formatFilters(emptyFilters), '');
});

test('a project or sync filter leaves Kustomizations out; health and search reach both', () => {
  const f = { ...emptyFilters, health: ['Degraded' as const], search: 'web' };
  assert.deepEqual(fluxQuery(f), { health: ['Degraded'], namespace: [], selector: '', search: 'web' });
  assert.equal(appQuery(f)?.search, 'web');
  assert.equal(fluxQuery({ ...f, projects: ['default'] }), undefined);
  assert.equal(fluxQuery({ ...f, sync: ['Synced'] }), undefined);
  assert.equal(appQuery({ ...f, kind: 'flux' }), undefined);
});
