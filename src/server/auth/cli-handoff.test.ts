import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CliHandoffs, parseCliRequest, s256 } from './cli-handoff.ts';

test('a login code is traded once, only with the verifier of its challenge, within a minute', () => {
  let now = 1_000_000;
  const handoffs = new CliHandoffs(() => now);
  const verifier = 'v'.repeat(43);
  const code = handoffs.offer('the-token', s256(verifier));
  assert.throws(() => handoffs.redeem(code, 'w'.repeat(43)), /unknown, used or expired/);
  const second = handoffs.offer('the-token', s256(verifier));
  assert.equal(handoffs.redeem(second, verifier), 'the-token');
  assert.throws(() => handoffs.redeem(second, verifier), /unknown, used or expired/, 'used up');
  const late = handoffs.offer('the-token', s256(verifier));
  now += 61_000;
  assert.throws(() => handoffs.redeem(late, verifier), /unknown, used or expired/);
});

test('cli_port and cli_challenge are checked', () => {
  assert.equal(parseCliRequest({}), undefined);
  assert.deepEqual(parseCliRequest({ cli_port: '8085', cli_challenge: s256('x') }), {
    port: 8085,
    challenge: s256('x'),
  });
  assert.throws(() => parseCliRequest({ cli_port: '99999', cli_challenge: s256('x') }), /TCP port/);
  assert.throws(() => parseCliRequest({ cli_port: '8085', cli_challenge: 'short' }), /SHA-256/);
});
