import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { byNameThenNamespace, paginate } from './page.ts';

const obj = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name },
});
const names = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

test('pages resume after the last item even when objects come and go in between', () => {
  const all = [obj('a', 'web'), obj('b', 'api'), obj('a', 'db'), obj('b', 'web')].sort(byNameThenNamespace);
  assert.deepEqual(names(all), ['b/api', 'a/db', 'a/web', 'b/web']);
  const first = paginate(all, { limit: '2' });
  assert.deepEqual(names(first.items), ['b/api', 'a/db']);
  assert.equal(first.remainingItemCount, 2);
  // 'a/db' is deleted and 'a/cache' (before the cursor) added: neither duplicates nor surfaces.
  const changed = [obj('b', 'api'), obj('a', 'cache'), obj('a', 'web'), obj('b', 'web')].sort(
    byNameThenNamespace,
  );
  const second = paginate(changed, { limit: '2', continue: first.continue! });
  assert.deepEqual(names(second.items), ['a/web', 'b/web']);
  assert.equal(second.continue, undefined);
  assert.deepEqual(names(paginate(all, {}).items), names(all));
});

test('bad limits and continue tokens are 400', () => {
  for (const query of [{ limit: '0' }, { limit: '5001' }, { limit: 'x' }, { continue: 'garbage' }]) {
    assert.throws(
      () => paginate([obj('a', 'b')], query),
      (err: unknown) => err instanceof ApiError && err.status === 400,
      JSON.stringify(query),
    );
  }
});
