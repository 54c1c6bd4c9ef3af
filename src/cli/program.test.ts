import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './program.ts';
import { VERSION } from './version.ts';
import type { CliIo } from './io.ts';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

test('version prints the package version and exits 0', async () => {
  const io = capture();
  assert.equal(await main(['version'], io), 0);
  assert.equal(io.stdout.trim(), `capstan ${VERSION}`);
  assert.match(VERSION, /^\d+\.\d+\.\d+/);
});

test('version -o json is machine-readable', async () => {
  const io = capture();
  assert.equal(await main(['version', '-o', 'json'], io), 0);
  const info = JSON.parse(io.stdout) as { version: string; node: string };
  assert.equal(info.version, VERSION);
  assert.match(info.node, /^v\d+/);
});

test('an unknown command prints usage to stderr and exits non-zero', async () => {
  const io = capture();
  const code = await main(['frobnicate'], io);
  assert.notEqual(code, 0);
  assert.match(io.stderr, /unknown command 'frobnicate'/);
  assert.match(io.stderr, /Usage: capstan/);
  assert.equal(io.stdout, '');
});

test('install --crds prints the CRDs; install without --crds fails with a clear message', async () => {
  const io = capture();
  assert.equal(await main(['install', '--crds'], io), 0);
  assert.match(io.stdout, /^apiVersion: apiextensions\.k8s\.io\/v1\nkind: CustomResourceDefinition\n/);
  assert.match(io.stdout, /name: kustomizations\.kustomize\.toolkit\.fluxcd\.io/);
  const bare = capture();
  assert.equal(await main(['install'], bare), 1);
  assert.match(bare.stderr, /only the CRDs \(--crds\)/);
});
