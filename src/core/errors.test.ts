import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CapstanError, TerminalError, errorCode, errorMessage, isTerminal } from './errors.ts';

class ApplyError extends CapstanError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'APPLY_FAILED', cause });
  }
}

test('subclasses keep their code, name and cause', () => {
  const cause = new Error('boom');
  const err = new ApplyError('Deployment/prod/web: apply failed: boom', cause);
  assert.equal(err.code, 'APPLY_FAILED');
  assert.equal(err.name, 'ApplyError');
  assert.equal(err.cause, cause);
  assert.ok(err instanceof CapstanError);
  assert.equal(errorCode(err), 'APPLY_FAILED');
  assert.equal(isTerminal(err), false);
});

test('terminal errors are recognised and default their code', () => {
  const err = new TerminalError('Application/argocd/web: invalid spec');
  assert.equal(isTerminal(err), true);
  assert.equal(err.code, 'TERMINAL');
});

test('errorMessage prints any thrown value', () => {
  assert.equal(errorMessage(new Error('x')), 'x');
  assert.equal(errorMessage('plain'), 'plain');
  assert.equal(errorMessage({ a: 1 }), '{"a":1}');
  assert.equal(errorCode('nope'), undefined);
});
