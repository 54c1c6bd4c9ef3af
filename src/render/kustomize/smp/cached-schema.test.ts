import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedSchema } from './cached-schema.ts';
import type { MergeSchema, SchemaNode } from './schema.ts';

const list: SchemaNode = {
  field: () => undefined,
  elements: () => undefined,
  patchStrategy: () => ({ strategy: 'merge', keys: ['name'] }),
};
const real: MergeSchema = {
  forType: (_v, kind) =>
    kind === 'Pod'
      ? {
          field: (n) => (n === 'containers' ? list : undefined),
          elements: () => undefined,
          patchStrategy: () => ({ strategy: '', keys: [] }),
        }
      : undefined,
};

test('answers come from the real schema once, then from the cache file in later processes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-schema-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const file = join(dir, 'cache.json');
  let loads = 0;
  const load = (): Promise<MergeSchema> => {
    loads++;
    return Promise.resolve(real);
  };

  const first = cachedSchema(load, file);
  await first.prepare!('v1', 'Pod', [['containers']]);
  await first.prepare!('v1', 'Widget', [['items']]);
  assert.deepEqual(first.forType('v1', 'Pod')!.field('containers')!.patchStrategy(), {
    strategy: 'merge',
    keys: ['name'],
  });
  assert.deepEqual(first.forType('v1', 'Widget')!.field('items')!.patchStrategy(), {
    strategy: '',
    keys: [],
  });
  assert.equal(loads, 1);
  first.flush();

  const second = cachedSchema(load, file);
  await second.prepare!('v1', 'Pod', [['containers']]);
  assert.deepEqual(second.forType('v1', 'Pod')!.field('containers')!.patchStrategy(), {
    strategy: 'merge',
    keys: ['name'],
  });
  assert.equal(loads, 1, 'the second process answered from the file without loading the schema');
  assert.throws(() => second.forType('v1', 'Pod')!.field('volumes')!.patchStrategy(), /before prepare/);
});
