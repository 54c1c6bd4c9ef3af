import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLsRemote, shortRefName, tagNames } from './remote.ts';

test('ls-remote output: HEAD symref, branches, annotated tags peeled', () => {
  const r = parseLsRemote(
    [
      'ref: refs/heads/main\tHEAD',
      'aaaa\tHEAD',
      'aaaa\trefs/heads/main',
      'bbbb\trefs/tags/v1',
      'cccc\trefs/tags/v1^{}',
      'dddd\trefs/tags/light',
      '',
    ].join('\n'),
  );
  assert.deepEqual(r.head, { target: 'refs/heads/main', commit: 'aaaa' });
  assert.equal(r.refs.get('refs/tags/v1'), 'cccc');
  assert.equal(r.objects.get('refs/tags/v1'), 'bbbb');
  assert.equal(r.refs.get('refs/tags/light'), 'dddd');
  assert.deepEqual(tagNames(r), ['v1', 'light']);
  assert.equal(shortRefName('refs/heads/feature/x'), 'feature/x');
  assert.equal(parseLsRemote('').head, undefined);
});
