// `capstan up` on a port something else holds fails at once with a message that says what to do,
// and stops the cluster it had started (the process exits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/capstan.js', import.meta.url).pathname;

test('capstan up on a busy port exits non-zero naming the port and --port', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-up-port-'));
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [BIN, 'up', '--port', String(port), '--data-dir', join(home, 'data'), '--no-demo'],
        { env: { ...process.env, HOME: home }, timeout: 90_000 },
        (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}: the port is in use; pass --port`));
  } finally {
    holder.close();
    await rm(home, { recursive: true, force: true });
  }
});
