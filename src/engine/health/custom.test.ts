import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { CelExpressionError } from './cel.ts';
import { compileCustomHealth } from './custom.ts';
import { getHealth } from './registry.ts';

const certificate = (ready: string, generation = 1): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'tls', namespace: 'shop', generation },
  status: {
    conditions: [{ type: 'Ready', status: ready, message: 'issuer said so', observedGeneration: 1 }],
  },
});

const certificateCheck = `
  has(status.conditions) && status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')
    ? {'status': 'Healthy', 'message': status.conditions.filter(c, c.type == 'Ready')[0].message}
    : {'status': 'Degraded', 'message': 'certificate not ready (generation ' + string(metadata.generation) + ')'}`;

test('a CEL custom check keyed group_kind decides the health and overrides the built-in one', () => {
  const custom = compileCustomHealth({ 'cert-manager.io_Certificate': certificateCheck });
  assert.deepEqual(getHealth(certificate('True'), { custom }), {
    status: 'Healthy',
    message: 'issuer said so',
  });
  assert.deepEqual(getHealth(certificate('False', 4), { custom }), {
    status: 'Degraded',
    message: 'certificate not ready (generation 4)',
  });
  const dep: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { paused: true },
  };
  const override = compileCustomHealth({ apps_Deployment: "{'status': 'Healthy', 'message': 'trust me'}" });
  assert.equal(getHealth(dep)?.status, 'Suspended');
  assert.deepEqual(getHealth(dep, { custom: override }), { status: 'Healthy', message: 'trust me' });
});

test('keys take globs, core kinds have no group, a result without status falls back to the built-in check', () => {
  const custom = compileCustomHealth({
    '*.crossplane.io_*': "{'status': 'Progressing'}",
    Service: "spec.type == 'LoadBalancer' ? {} : {'status': 'Suspended', 'message': 'not a load balancer'}",
  });
  const bucket: KubeObject = {
    apiVersion: 's3.aws.crossplane.io/v1',
    kind: 'Bucket',
    metadata: { name: 'b' },
  };
  assert.equal(getHealth(bucket, { custom })?.status, 'Progressing');
  const svc = (type: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { type },
  });
  assert.deepEqual(getHealth(svc('ClusterIP'), { custom }), {
    status: 'Suspended',
    message: 'not a load balancer',
  });
  assert.equal(getHealth(svc('LoadBalancer'), { custom })?.status, 'Progressing');
});

test('optional chaining, integer arithmetic and the obj variable work as in Kubernetes CEL', () => {
  const custom = compileCustomHealth({
    apps_Deployment: `obj.status.?readyReplicas.orValue(0) + 1 > spec.replicas
      ? {'status': 'Healthy'} : {'status': 'Progressing', 'message': string(status.?readyReplicas.orValue(0))}`,
  });
  const dep = (ready?: number): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 2 },
    status: ready === undefined ? {} : { readyReplicas: ready },
  });
  assert.equal(getHealth(dep(2), { custom })?.status, 'Healthy');
  assert.deepEqual(getHealth(dep(), { custom }), { status: 'Progressing', message: '0' });
});

test('a syntax error is reported at configuration time with the key; a bad result is Unknown', () => {
  assert.throws(
    () => compileCustomHealth({ apps_Deployment: "{'status': " }),
    (err: unknown) =>
      err instanceof CelExpressionError &&
      err.code === 'CEL_INVALID' &&
      err.message.startsWith('resource.customizations.health.apps_Deployment: invalid CEL expression'),
  );
  const custom = compileCustomHealth({ apps_Deployment: "{'status': 'Fine'}", Pod: 'status.nope.deeper' });
  const dep: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'p' },
  };
  const h = getHealth(dep, { custom });
  assert.equal(h?.status, 'Unknown');
  assert.match(h?.message ?? '', /^Deployment\/p\/web: custom health check must return/);
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, status: {} };
  assert.match(getHealth(pod, { custom })?.message ?? '', /^Pod\/x: custom health check failed: /);
});
