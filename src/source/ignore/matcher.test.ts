import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterTree, listTree } from './walk.ts';
import { IgnoreMatcher } from './matcher.ts';
import { parsePattern } from './pattern.ts';

test('pattern forms: anchoring, basename, directories, double stars, classes, escapes', () => {
  const m = (lines: string, path: string, isDir = false): boolean => {
    const x = new IgnoreMatcher();
    x.addLines(lines);
    return x.ignores(path, isDir);
  };
  assert.equal(m('*.txt', 'a/b/c.txt'), true);
  assert.equal(m('/a.txt', 'b/a.txt'), false);
  assert.equal(m('a/b', 'x/a/b'), false);
  assert.equal(m('build/', 'src/build', true), true);
  assert.equal(m('build/', 'src/build', false), false);
  assert.equal(m('**/c', 'c'), true);
  assert.equal(m('a/**/b', 'a/b'), true);
  assert.equal(m('a/**/b', 'a/x/y/b'), true);
  assert.equal(m('a/**', 'a'), false);
  assert.equal(m('a/**', 'a/x/y'), true);
  assert.equal(m('a**b', 'axxb'), true);
  assert.equal(m('a**b', 'a/b'), false);
  assert.equal(m('[!a]*', 'abc'), false);
  assert.equal(m('[[:digit:]]x', '7x'), true);
  assert.equal(m('\\!bang', '!bang'), true);
  assert.equal(m('\\#hash', '#hash'), true);
  assert.equal(m('trail\\ ', 'trail '), true);
  assert.equal(m('trail  ', 'trail'), true);
  assert.equal(m('*.txt\n!keep.txt', 'keep.txt'), false);
  assert.equal(parsePattern('# comment'), undefined);
  assert.equal(parsePattern('[unclosed'), undefined);
  assert.equal(parsePattern('trailing\\'), undefined);
});

test('Flux defaults apply only without user patterns; VCS files always go', async () => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-ignore-'));
  try {
    for (const f of ['.gitignore', 'logo.png', 'deploy.yaml', '.github/workflows/ci.yml', 'sub/.sops.yaml']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), 'x');
    }
    const entries = await listTree(root);
    const files = async (ignore?: string): Promise<string[]> =>
      (await filterTree(root, entries, { ignore })).filter((e) => e.type === 'file').map((e) => e.path);
    assert.deepEqual(await files(), ['deploy.yaml']);
    assert.deepEqual(await files('*.txt'), [
      '.github/workflows/ci.yml',
      'deploy.yaml',
      'logo.png',
      'sub/.sops.yaml',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// Generated trees and patterns, each checked against what git itself leaves untracked-and-not-
// ignored (`git ls-files -o` with the same per-directory file name and command-line patterns).
const NAMES = ['a', 'b', 'foo', 'bar.txt', 'x.yaml', '.hidden', 'd e', 'a.b.c', '!bang', '#hash', '[x]', 'é'];
const PATTERNS = [
  '*.txt',
  'foo/',
  '!foo/bar.txt',
  '/a',
  'a/**/b',
  '**/foo',
  'b/*',
  '?',
  '[ab]',
  '[!a]*',
  'foo',
  '!x.yaml',
  'a/b',
  '*/',
  '\\!bang',
  'd\\ e',
  '**',
  'a/**',
  '!a/b',
  '*.y*',
  '.*',
  '!.hidden',
  'x.yaml/',
  '[a-c]*.txt',
  '\\#hash',
  '\\[x\\]',
  '**/b/',
  'foo/**/x.yaml',
  '!**/bar.txt',
  'é',
  'a.b.*',
  '/b/foo',
  '*',
  '!*/',
  '[[:alpha:]]',
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

test('the matcher agrees with git ls-files on generated trees', async () => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-ignore-git-'));
  try {
    for (let n = 0; n < 80; n++) {
      const rand = rng(n + 1);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const dir = join(root, String(n));
      mkdirSync(dir);
      execFileSync('git', ['init', '-q', dir]);
      for (let f = 0; f < 14; f++) {
        const depth = 1 + Math.floor(rand() * 3);
        const parts = Array.from({ length: depth }, () => pick(NAMES));
        try {
          mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
          writeFileSync(join(dir, ...parts), 'x');
        } catch {
          // a name already used as a file or directory: skip
        }
      }
      const lines = (k: number): string => Array.from({ length: k }, () => pick(PATTERNS)).join('\n');
      writeFileSync(join(dir, '.sourceignore'), lines(3));
      for (const sub of ['a', 'foo']) {
        try {
          writeFileSync(join(dir, sub, '.sourceignore'), lines(2));
        } catch {
          // no such directory in this tree
        }
      }
      const spec = lines(2);
      const gitArgs = [
        '-C',
        dir,
        '-c',
        'core.excludesFile=/dev/null',
        '-c',
        'core.quotePath=false',
        'ls-files',
        '-z',
        '-o',
      ];
      gitArgs.push('--exclude-per-directory=.sourceignore', ...spec.split('\n').flatMap((p) => ['-x', p]));
      const fromGit = execFileSync('git', gitArgs, { encoding: 'utf8' })
        .split('\0')
        .filter((p) => p && !p.startsWith('.git/'))
        .sort();
      const entries = (await listTree(dir)).filter((e) => e.path !== '.git' && !e.path.startsWith('.git/'));
      const ours = (await filterTree(dir, entries, { ignore: spec, fluxDefaults: false }))
        .filter((e) => e.type === 'file')
        .map((e) => e.path)
        .sort();
      assert.deepEqual(ours, fromGit, `case ${n}: spec=${JSON.stringify(spec)}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
