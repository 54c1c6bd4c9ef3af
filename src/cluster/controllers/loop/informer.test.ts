import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type KubeObject } from '../../../core/index.ts';
import { startCluster } from '../../start.ts';
import { Informer } from './informer.ts';

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const cm = (name: string, v: string): KubeObject => ({
  ...CM,
  metadata: { name, namespace: 'default', labels: { v } },
});

test('an informer lists, follows changes, reads its own writes and never goes back to older versions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-informer-'));
  const cluster = await startCluster({
    signal: new AbortController().signal,
    dataDir: dir,
    tls: false,
    controllers: false,
    watchHistory: 5,
  });
  try {
    const api = cluster.api;
    await api.create(cm('a', '1'));
    const inf = new Informer(api, CM, silentLogger);
    const seen: string[] = [];
    inf.on({
      added: (o) => seen.push(`+${o.metadata.name}`),
      updated: (_o, n) => seen.push(`~${n.metadata.name}=${n.metadata.labels?.['v']}`),
      deleted: (o) => seen.push(`-${o.metadata.name}`),
    });
    inf.start();
    await inf.synced;
    assert.deepEqual(seen, ['+a']);

    const b = await api.create(cm('b', '1'));
    const updated = await api.update({ ...b, metadata: { ...b.metadata, labels: { v: '2' } } });
    inf.observe(updated); // read-your-writes: the cache has it before the watch brings it
    assert.equal(inf.get('default', 'b')?.metadata.labels?.['v'], '2');
    inf.observe(b); // an older version changes nothing
    assert.equal(inf.get('default', 'b')?.metadata.labels?.['v'], '2');
    await api.delete(CM, { namespace: 'default', name: 'a' });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      inf.list('default').map((o) => o.metadata.name),
      ['b'],
    );
    assert.ok(seen.includes('-a'));
    inf.stop();
  } finally {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
