import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidError, ConflictError } from '../../kube/index.ts';
import { isImmutableError } from './apply.ts';

const status = (reason: string, message: string, causes: { message?: string }[] = []) => ({
  code: reason === 'Invalid' ? 422 : 409,
  reason,
  message,
  causes,
});

test('immutable-field errors are recognised from the status, its causes or a webhook’s text', () => {
  const selector = new InvalidError(
    'Deployment/shop/web: apply failed: Deployment.apps "web" is invalid: spec.selector: Invalid value: {}: field is immutable',
    status('Invalid', 'Deployment.apps "web" is invalid: spec.selector: ...: field is immutable'),
  );
  assert.ok(isImmutableError(selector));
  const cause = new InvalidError(
    'x: apply failed: invalid',
    status('Invalid', 'invalid', [{ message: 'field is immutable' }]),
  );
  assert.ok(isImmutableError(cause));
  assert.ok(isImmutableError(new Error('admission webhook denied: spec.x is immutable')));
});

test('other validation errors and optimistic-concurrency conflicts are not (recreating would lose the object)', () => {
  assert.ok(
    !isImmutableError(
      new InvalidError(
        'x: apply failed',
        status('Invalid', 'spec.replicas: Invalid value: -1: must be >= 0'),
      ),
    ),
  );
  assert.ok(
    !isImmutableError(
      new ConflictError('x: update failed', status('Conflict', 'the object has been modified')),
    ),
  );
});
