import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../schema/lookup.ts';
import { goDecodeError } from './go-decode.ts';

const configMap = schemaFor({ apiVersion: 'v1', kind: 'ConfigMap' })!;
const deployment = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;
const pod = schemaFor({ apiVersion: 'v1', kind: 'Pod' })!;

test('values of the wrong JSON type are refused in encoding/json words', () => {
  assert.equal(
    goDecodeError({ metadata: { name: 'c' }, data: { a: { b: 'c' } } }, configMap),
    'json: cannot unmarshal object into Go struct field ConfigMap.data of type string',
  );
  assert.equal(
    goDecodeError({ data: { replicas: 3 } }, configMap),
    'json: cannot unmarshal number 3 into Go struct field ConfigMap.data of type string',
  );
  assert.equal(
    goDecodeError({ metadata: { labels: { enabled: true } } }, configMap),
    'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
  );
  assert.equal(
    goDecodeError({ spec: { replicas: '3' } }, deployment),
    'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  assert.equal(
    goDecodeError({ spec: { template: { spec: { containers: { name: 'web' } } } } }, deployment),
    'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
  );
  assert.equal(
    goDecodeError({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80.5 }] }] } }, pod),
    'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
  );
  assert.equal(
    goDecodeError('x', configMap),
    'json: cannot unmarshal string into Go value of type v1.ConfigMap',
  );
});

test('what Go decodes passes: nulls, quantities as numbers, int-or-string, unknown fields, raw JSON', () => {
  assert.equal(
    goDecodeError({ metadata: { name: 'c', labels: null }, data: { a: 'b' } }, configMap),
    undefined,
  );
  const spec = {
    containers: [
      {
        name: 'a',
        image: 'nginx',
        resources: { limits: { cpu: 1, memory: '64Mi' } },
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 'http' } },
        livenessProbe: { httpGet: { port: 8080 } },
        unknownField: { anything: [1] },
      },
    ],
    volumes: [{ name: 'v', emptyDir: { sizeLimit: 1 } }],
  };
  assert.equal(goDecodeError({ spec }, pod), undefined);
  assert.equal(
    goDecodeError(
      { spec: { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } } },
      deployment,
    ),
    undefined,
  );
});
