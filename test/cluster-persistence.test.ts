// The cluster's state lives in its data dir: it survives restarts and kill -9 with every
// acknowledged write, resourceVersions keep growing, and a data dir that is not ours is refused
// with a clear error. Also `capstan cluster serve` itself: ready line, kubeconfig, clean stop.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { apiRequest, kubectl, openWatch, startTestCluster } from './support/cluster.ts';
import { cronTab, cronTabCrd } from './support/crd-fixtures.ts';
import { serveFailure, serveProcess } from './support/serve-process.ts';

async function scratch(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-persist-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('persistence and the serve command', { concurrency: true }, () => {
  it('a restart keeps objects, CRDs, the token and the resourceVersion counter', async (t) => {
    const dir = await scratch(t);
    const dataDir = join(dir, 'data');
    const first = await startTestCluster(undefined, { dataDir, controllers: false });
    await first.api.create(cronTabCrd());
    await first.api.create(cronTab('default', 'kept', { cronSpec: '* * * * *' }));
    await first.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gone', namespace: 'default' },
    });
    await first.api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', name: 'gone' });
    const lastRv = Number(first.api.resourceVersion);
    const token = first.token;
    await first.close();

    const second = await startTestCluster(t, { dataDir, controllers: false });
    assert.equal(second.token, token, 'kubeconfigs written before the restart keep working');
    assert.equal(Number(second.api.resourceVersion), lastRv, 'the counter resumes, deletions included');
    const kept = await second.api.get(
      { apiVersion: 'stable.example.com/v1', kind: 'CronTab' },
      { namespace: 'default', name: 'kept' },
    );
    assert.equal((kept['spec'] as { image: string }).image, 'busybox');
    const next = await second.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after', namespace: 'default' },
    });
    assert.equal(Number(next.metadata.resourceVersion), lastRv + 1);
    const r = await kubectl(['get', 'crontabs', '-o', 'name'], second);
    assert.equal(r.stdout, 'crontab.stable.example.com/kept\n', r.stderr);
    // A watch from the current version resumes; history from before the restart is gone (410).
    const resumed = await openWatch(
      second,
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${lastRv}`,
    );
    assert.equal((await resumed.next())?.type, 'ADDED');
    resumed.close();
    const old = await openWatch(
      second,
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${lastRv - 2}`,
    );
    assert.equal((await old.next())?.type, 'ERROR');
    old.close();
  });

  it('every acknowledged write survives kill -9, and resourceVersions keep growing (20 rounds)', async (t) => {
    const dir = await scratch(t);
    const args = ['--data-dir', join(dir, 'data'), '--kubeconfig', join(dir, 'kubeconfig')];
    const acknowledged = new Map<string, string>();
    let maxRv = 0;
    for (let round = 0; round < 20; round++) {
      const server = await serveProcess(args);
      const agent = new Agent({ keepAlive: true, ...(server.ca ? { ca: server.ca } : {}) });
      const cluster = { url: server.url, token: server.token, ca: server.ca };
      try {
        // Everything acknowledged in earlier rounds is here, unchanged.
        const list = await apiRequest(cluster, 'GET', '/api/v1/namespaces/default/configmaps');
        const stored = new Map(
          (list.json as { items: { metadata: { name: string; resourceVersion: string } }[] }).items.map(
            (i) => [i.metadata.name, i.metadata.resourceVersion],
          ),
        );
        for (const [name, rv] of acknowledged)
          assert.equal(
            stored.get(name),
            rv,
            `round ${round}: ${name} (rv ${rv}) was acknowledged before the kill`,
          );
        // Writers race the kill; only 201s count as acknowledged.
        let stop = false;
        const writer = async (w: number) => {
          for (let n = 0; !stop; n++) {
            const name = `r${round}-w${w}-${n}`;
            try {
              const res = await apiRequest(cluster, 'POST', '/api/v1/namespaces/default/configmaps', {
                body: { metadata: { name }, data: { n: String(n) } },
              });
              if (res.status !== 201) return;
              const rv = (res.json as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
              assert.ok(Number(rv) > maxRv, `round ${round}: resourceVersion ${rv} after ${maxRv}`);
              maxRv = Number(rv);
              acknowledged.set(name, rv);
            } catch {
              return; // the server is gone
            }
          }
        };
        const writers = [0, 1, 2].map(writer);
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
        server.child.kill('SIGKILL');
        await server.exited;
        stop = true;
        await Promise.all(writers);
      } finally {
        agent.destroy();
        server.child.kill('SIGKILL');
      }
    }
    assert.ok(
      acknowledged.size > 50,
      `enough writes were acknowledged to mean something (${acknowledged.size})`,
    );
    const last = await serveProcess(args);
    t.after(async () => {
      last.child.kill('SIGTERM');
      await last.exited;
    });
    const list = await apiRequest(
      { url: last.url, token: last.token, ca: last.ca },
      'GET',
      '/api/v1/namespaces/default/configmaps',
    );
    const names = new Set(
      (list.json as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name),
    );
    for (const name of acknowledged.keys()) assert.ok(names.has(name), `${name} survived`);
  });

  it('serve prints ready with the URL and kubeconfig, serves kubectl, and stops cleanly on SIGTERM', async (t) => {
    const dir = await scratch(t);
    const server = await serveProcess([
      '--data-dir',
      join(dir, 'data'),
      '--kubeconfig',
      join(dir, 'config', 'kubeconfig'),
    ]);
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.kubeconfigPath, join(dir, 'config', 'kubeconfig'));
    const r = await kubectl(['get', 'namespaces', '-o', 'name'], {
      kubeconfig: server.kubeconfigPath,
      home: join(dir, 'home'),
    });
    assert.equal(
      r.stdout,
      'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
      r.stderr,
    );
    // An open watch must not keep the server from stopping.
    const watch = await openWatch(
      { url: server.url, token: server.token, ca: server.ca },
      '/api/v1/configmaps?watch=true',
    );
    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    await watch.ended;
    assert.match(server.output(), /capstan cluster stopped/);
  });

  it('serve uses a given certificate, and plain HTTP only when asked', async (t) => {
    const dir = await scratch(t);
    const maker = await startTestCluster(t);
    const withCert = await serveProcess([
      '--data-dir',
      join(dir, 'a'),
      '--tls-cert',
      join(maker.dataDir, 'tls', 'server.crt'),
      '--tls-key',
      join(maker.dataDir, 'tls', 'server.key'),
    ]);
    assert.equal(withCert.ca, maker.ca);
    assert.equal((await apiRequest(withCert, 'GET', '/api/v1/namespaces')).status, 200);
    withCert.child.kill('SIGTERM');
    const plain = await serveProcess(['--data-dir', join(dir, 'b'), '--no-tls']);
    assert.match(plain.url, /^http:\/\//);
    assert.equal((await apiRequest(plain, 'GET', '/api/v1/namespaces')).status, 200);
    assert.equal((await apiRequest(plain, 'GET', '/api/v1/namespaces', { token: null })).status, 401);
    plain.child.kill('SIGTERM');
    await Promise.all([withCert.exited, plain.exited]);
    const half = await serveFailure(['--data-dir', join(dir, 'c'), '--tls-cert', 'x.crt']);
    assert.notEqual(half.code, 0);
    assert.match(half.output, /--tls-cert and --tls-key go together/);
  });

  it("refuses a data dir that is not a cluster's, naming the file, and touches nothing", async (t) => {
    const dir = await scratch(t);
    const foreign = join(dir, 'foreign');
    await mkdir(foreign);
    const db = new DatabaseSync(join(foreign, 'cluster.db'));
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const a = await serveFailure(['--data-dir', foreign]);
    assert.equal(a.code, 1);
    assert.match(
      a.output,
      new RegExp(`capstan: ${join(foreign, 'cluster.db')}: a SQLite database, but not a Capstan cluster's`),
    );
    const corrupt = join(dir, 'corrupt');
    await mkdir(corrupt);
    await writeFile(join(corrupt, 'cluster.db'), 'definitely not sqlite'.repeat(100));
    const b = await serveFailure(['--data-dir', corrupt]);
    assert.equal(b.code, 1);
    assert.match(b.output, /cluster\.db: not a SQLite database .*refusing to start/);
    const busy = await startTestCluster(t);
    const c = await serveFailure(['--data-dir', busy.dataDir]);
    assert.equal(c.code, 1);
    assert.match(c.output, /in use by another running cluster/);
  });
});
