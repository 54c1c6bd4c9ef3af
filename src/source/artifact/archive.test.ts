import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listTree } from '../ignore/walk.ts';
import { writeArchive } from './archive.ts';

test('archives are deterministic, normalized, and readable by tar (long names included)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-tar-'));
  try {
    const long = `${'deep/'.repeat(30)}file-with-a-long-name.yaml`;
    const files: [string, string][] = [
      ['a.txt', 'A'],
      ['empty', ''],
      ['bin/run', '#!/bin/sh\n'],
      [long, 'L'],
      ['ünï/çødé.txt', 'u'],
    ];
    for (const [p, c] of files) {
      mkdirSync(join(root, 'tree', p, '..'), { recursive: true });
      writeFileSync(join(root, 'tree', p), c);
    }
    chmodSync(join(root, 'tree', 'bin/run'), 0o775);
    const entries = await listTree(join(root, 'tree'));
    const one = await writeArchive(join(root, 'tree'), entries, join(root, 'one.tar.gz'));
    const two = await writeArchive(join(root, 'tree'), entries, join(root, 'two.tar.gz'));
    assert.equal(one.digest, two.digest);
    assert.deepEqual(readFileSync(join(root, 'one.tar.gz')), readFileSync(join(root, 'two.tar.gz')));
    assert.equal(one.size, readFileSync(join(root, 'one.tar.gz')).length);
    const listing = execFileSync('tar', ['-tvzf', join(root, 'one.tar.gz')], { encoding: 'utf8' });
    assert.match(listing, /-rwx------ 0\/0 +\d+ 1970-01-01 00:00 bin\/run/);
    assert.match(listing, /-rw------- 0\/0 +1 1970-01-01 00:00 a\.txt/);
    assert.match(listing, /drwxr-x--- 0\/0 +0 1970-01-01 00:00 bin\//);
    mkdirSync(join(root, 'out'));
    execFileSync('tar', ['-xzf', join(root, 'one.tar.gz'), '-C', join(root, 'out')]);
    assert.equal(readFileSync(join(root, 'out', long), 'utf8'), 'L');
    assert.equal(readFileSync(join(root, 'out', 'ünï/çødé.txt'), 'utf8'), 'u');
    assert.equal(readFileSync(join(root, 'out', 'empty'), 'utf8'), '');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
