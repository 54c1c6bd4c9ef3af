import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../core/index.ts';
import { CelExpressionError } from '../cel.ts';
import { compileHealthCheckExprs } from './cel.ts';
import { computeStatus } from './compute.ts';

// The Certificate example of Flux RFC-0009.
const cel = compileHealthCheckExprs([
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    inProgress:
      "status.conditions.filter(e, e.type == 'Issuing').all(e, e.observedGeneration == metadata.generation && e.status == 'True')",
    failed:
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.observedGeneration == metadata.generation && e.status == 'False')",
    current:
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.observedGeneration == metadata.generation && e.status == 'True')",
  },
]);

function cert(conditions: object[], observedGeneration?: number): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'tls', namespace: 'shop', generation: 2 },
    status: observedGeneration === undefined ? { conditions } : { conditions, observedGeneration },
  };
}

test('healthCheckExprs are evaluated inProgress, failed, current: the first true wins', () => {
  const issuing = { type: 'Issuing', status: 'True', observedGeneration: 2 };
  const ready = (status: string) => ({ type: 'Ready', status, observedGeneration: 2 });
  assert.equal(computeStatus(cert([issuing, ready('False')]), { cel }).status, 'InProgress');
  const notIssuing = { type: 'Issuing', status: 'False', observedGeneration: 2 };
  assert.equal(computeStatus(cert([notIssuing, ready('False')]), { cel }).status, 'Failed');
  // As in Flux: all() over no Issuing condition is true, so a Certificate without one is InProgress.
  assert.equal(computeStatus(cert([ready('False')]), { cel }).status, 'InProgress');
  assert.equal(computeStatus(cert([notIssuing, ready('True')]), { cel }).status, 'Current');
  // Ready for an older generation: none is true.
  const stale = computeStatus(
    cert([
      { type: 'Ready', status: 'True', observedGeneration: 1 },
      { type: 'Issuing', status: 'False' },
    ]),
    { cel },
  );
  assert.deepEqual(stale, { status: 'InProgress', message: 'no healthCheckExprs expression is true' });
});

test('an observedGeneration behind generation is InProgress without evaluating', () => {
  const r = computeStatus(cert([{ type: 'Ready', status: 'True', observedGeneration: 2 }], 1), { cel });
  assert.equal(r.status, 'InProgress');
  assert.equal(r.message, 'Certificate generation is 2, but latest observed generation is 1');
});

test('kinds without expressions keep the kstatus rules; errors name the object', () => {
  const other: KubeObject = { apiVersion: 'example.com/v1', kind: 'Certificate', metadata: { name: 'x' } };
  assert.deepEqual(computeStatus(other, { cel }), { status: 'Current', message: 'Resource is current' });
  const noStatus: KubeObject = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'x', namespace: 'n' },
  };
  const r = computeStatus(noStatus, { cel });
  assert.equal(r.status, 'Unknown');
  assert.match(r.message, /^Certificate\/n\/x: healthCheckExprs inProgress: /);
  assert.throws(
    () => compileHealthCheckExprs([{ apiVersion: 'a/v1', kind: 'K', current: '' }]),
    (e: unknown) =>
      e instanceof CelExpressionError &&
      e.message === 'healthCheckExprs[a/v1/K]: expression current not specified',
  );
  const nonBool = compileHealthCheckExprs([{ apiVersion: 'a/v1', kind: 'K', current: "'yes'" }]);
  const k: KubeObject = { apiVersion: 'a/v1', kind: 'K', metadata: { name: 'k' } };
  assert.match(computeStatus(k, { cel: nonBool }).message, /must evaluate to a boolean/);
});
