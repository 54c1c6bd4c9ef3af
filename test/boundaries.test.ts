// The module boundaries of DESIGN.md are enforced by ESLint; this proves the rule bites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = new URL('..', import.meta.url).pathname;
const eslint = new ESLint({
  cwd: root,
  // Probe files do not exist on disk, so lint them without type information.
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);
}

test('a lower module may not import a higher one', async () => {
  const errors = await boundaryErrors('src/kube/probe.ts', "export * from '../engine/index.ts';\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /kube may not import \.\.\/engine\/index\.ts/);
});

test('source may not import render, and render may import source', async () => {
  assert.equal(
    (await boundaryErrors('src/source/probe.ts', "export * from '../render/index.ts';\n")).length,
    1,
  );
  assert.deepEqual(await boundaryErrors('src/render/probe.ts', "export * from '../source/index.ts';\n"), []);
});

test('another module is imported only through its index.ts', async () => {
  const errors = await boundaryErrors('src/kube/probe.ts', "export * from '../core/log.ts';\n");
  assert.equal(errors.length, 1);
  assert.deepEqual(await boundaryErrors('src/kube/probe.ts', "export * from '../core/index.ts';\n"), []);
});

test('argocd and flux never import each other', async () => {
  const errors = await boundaryErrors(
    'src/controllers/argocd/probe.ts',
    "export * from '../flux/index.ts';\n",
  );
  assert.equal(errors.length, 1);
  assert.deepEqual(
    await boundaryErrors('src/controllers/argocd/probe.ts', "export * from '../index.ts';\n"),
    [],
  );
});

test('nothing but cli imports app', async () => {
  assert.equal((await boundaryErrors('src/server/probe.ts', "export * from '../app/index.ts';\n")).length, 1);
  assert.deepEqual(await boundaryErrors('src/cli/probe.ts', "export * from '../app/index.ts';\n"), []);
});

test('files inside a module import each other freely', async () => {
  assert.deepEqual(await boundaryErrors('src/engine/probe.ts', "export * from './index.ts';\n"), []);
});
