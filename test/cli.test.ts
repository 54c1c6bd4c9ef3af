// The installed binary, run the way users run it: a child process on the project's Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../bin/capstan.js', import.meta.url).pathname;

test('capstan version runs on Node 24 and exits 0', async () => {
  assert.ok(Number(process.versions.node.split('.')[0]) >= 24, `tests run on ${process.version}`);
  const { stdout } = await run(process.execPath, [bin, 'version']);
  assert.match(stdout, /^capstan \d+\.\d+\.\d+/);
});

test('capstan with an unknown command fails with usage on stderr', async () => {
  await assert.rejects(
    run(process.execPath, [bin, 'no-such-command']),
    (err: Error & { code?: number; stderr?: string }) => {
      assert.notEqual(err.code, 0);
      assert.match(err.stderr ?? '', /unknown command 'no-such-command'/);
      return true;
    },
  );
});
