import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrls, redactValues } from './redact.ts';

test('credentials in URLs are redacted', () => {
  assert.equal(
    redactUrls('fatal: could not read from https://bob:s3cret@git.example.com/org/repo.git'),
    'fatal: could not read from https://***@git.example.com/org/repo.git',
  );
  assert.equal(redactUrls('ssh://git@host:22/repo'), 'ssh://***@host:22/repo');
  assert.equal(redactUrls('no url here'), 'no url here');
});

test('known secret values are redacted wherever they appear', () => {
  assert.equal(redactValues('token=abcd1234 and abcd1234', ['abcd1234']), 'token=*** and ***');
});
