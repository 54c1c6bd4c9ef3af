import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDirectory, ManifestError } from './directory.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'capstan-dir-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

test('reads yaml/yml/json in lexical order, skips other files and subdirectories without recurse', async (t) => {
  const root = tree({
    'b.yaml': cm('b') + '---\n' + cm('b2'),
    'a.yml': cm('a'),
    'c.json': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c' } }),
    'README.md': '# not a manifest',
    'sub/d.yaml': cm('d'),
  });
  t.after(() => rmSync(root, { recursive: true }));
  const r = await renderDirectory(root);
  assert.deepEqual(
    r.resources.map((x) => [x.source, (x.object['metadata'] as { name: string }).name]),
    [
      ['a.yml', 'a'],
      ['b.yaml', 'b'],
      ['b.yaml', 'b2'],
      ['c.json', 'c'],
    ],
  );
  const deep = await renderDirectory(root, { recurse: true });
  assert.deepEqual(
    deep.resources.map((x) => x.source),
    ['a.yml', 'b.yaml', 'b.yaml', 'c.json', 'sub/d.yaml'],
  );
  assert.match(r.yaml, /^apiVersion: v1\nkind: ConfigMap\nmetadata:\n {2}name: a\n---\n/);
});

test('include and exclude globs apply to the path relative to the directory', async (t) => {
  const root = tree({ 'app.yaml': cm('app'), 'env/prod.yaml': cm('prod'), 'env/dev.yaml': cm('dev') });
  t.after(() => rmSync(root, { recursive: true }));
  const r = await renderDirectory(root, { recurse: true, include: '{app.yaml,env/*}', exclude: '*dev*' });
  assert.deepEqual(
    r.resources.map((x) => x.source),
    ['app.yaml', 'env/prod.yaml'],
  );
});

test('lists are flattened, empty documents and the skip marker are ignored', async (t) => {
  const root = tree({
    'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })}\n- ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } })}\n---\n`,
    'skip.yaml': '# +argocd:skip-file-rendering\n' + cm('skipped'),
  });
  t.after(() => rmSync(root, { recursive: true }));
  const r = await renderDirectory(root);
  assert.deepEqual(
    r.resources.map((x) => (x.object['metadata'] as { name: string }).name),
    ['x', 'y'],
  );
});

test('a broken manifest names the file and line; an unrelated broken YAML file is ignored', async (t) => {
  const root = tree({ 'bad.yaml': cm('x') + 'data:\n  a: [\n', 'notes.yaml': 'just: [broken\n' });
  t.after(() => rmSync(root, { recursive: true }));
  await assert.rejects(renderDirectory(root), (err: unknown) => {
    assert.ok(err instanceof ManifestError);
    assert.match(err.message, /Failed to unmarshal "bad\.yaml" \(line \d+\)/);
    return true;
  });
  rmSync(join(root, 'bad.yaml'));
  assert.deepEqual((await renderDirectory(root)).resources, []);
});

test('symlinks may not leave the repository', async (t) => {
  const root = tree({ 'repo/app/a.yaml': cm('a'), 'outside.yaml': cm('o') });
  t.after(() => rmSync(root, { recursive: true }));
  symlinkSync(join(root, 'outside.yaml'), join(root, 'repo/app/link.yaml'));
  await assert.rejects(
    renderDirectory(join(root, 'repo/app'), { repoRoot: join(root, 'repo') }),
    /illegal filepath in symlink/,
  );
});

test('JSON files hold exactly one object', async (t) => {
  const root = tree({ 'two.json': '{"kind":"A"}\n---\n{"kind":"B"}' });
  t.after(() => rmSync(root, { recursive: true }));
  await assert.rejects(renderDirectory(root), /Only single objects are allowed in JSON files/);
});
