/**
 * The `capstan` binary as a user runs it, in a HOME of the test's own (so stored contexts never
 * leak between tests or from the developer's machine): `capstan` returns the exit code and
 * output, `ok` asserts success and returns stdout, `fails` asserts failure and returns stderr.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';

const BIN = new URL('../../bin/capstan.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cliRunner(home: string, extraEnv: Record<string, string> = {}, extraArgs: string[] = []) {
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: '',
    CAPSTAN_CONFIG: '',
    CAPSTAN_SERVER: '',
    ...extraEnv,
  };
  const capstan = (...args: string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args, ...extraArgs],
        { env, timeout: 120_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const ok = async (...args: string[]) => {
    const r = await capstan(...args);
    assert.equal(r.code, 0, `capstan ${[...args, ...extraArgs].join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const fails = async (...args: string[]) => {
    const r = await capstan(...args);
    assert.notEqual(r.code, 0, `capstan ${[...args, ...extraArgs].join(' ')} should fail: ${r.stdout}`);
    return r.stderr;
  };
  return { env, capstan, ok, fails };
}
