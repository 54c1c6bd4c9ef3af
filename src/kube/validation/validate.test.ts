import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { applyDefaults } from '../defaults/apply-defaults.ts';
import { InvalidObjectError, type FieldCause } from './field-errors.ts';
import { dns1035Label, dns1123Label, dns1123Subdomain } from './names.ts';
import { validatePatchOptions } from './patch-options.ts';
import { assertValid, validateCreate, validateUpdate } from './validate.ts';

function deployment(extra: Record<string, unknown> = {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
      ...extra,
    },
  };
  applyDefaults(obj);
  return obj;
}

function fields(causes: readonly FieldCause[]): string[] {
  return causes.map((c) => `${c.field}: ${c.message}`);
}

test('a valid defaulted Deployment has no causes', () => {
  assert.deepEqual(validateCreate(deployment()), []);
});

test('DNS-1123 names with the real messages', () => {
  assert.deepEqual(dns1123Subdomain('ok.example'), []);
  assert.deepEqual(dns1123Subdomain('Bad_Name'), [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
  assert.deepEqual(dns1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(dns1123Label('-x'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(dns1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.equal(dns1035Label('1abc').length, 1);
});

test('names follow their kind: subdomain, label, DNS-1035 for Services, path segments for RBAC', () => {
  const named = (apiVersion: string, kind: string, name: string): string[] =>
    fields(validateCreate({ apiVersion, kind, metadata: { name } }));
  assert.deepEqual(named('v1', 'ConfigMap', 'app.config'), []);
  assert.equal(
    named('v1', 'Namespace', 'team.a')[0],
    'metadata.name: Invalid value: "team.a": must not contain dots',
  );
  assert.match(
    named('v1', 'Service', '1web')[0]!,
    /^metadata\.name: Invalid value: "1web": a DNS-1035 label/,
  );
  assert.deepEqual(named('rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:controller:x'), []);
  assert.deepEqual(named('rbac.authorization.k8s.io/v1', 'Role', 'a/b'), [
    'metadata.name: Invalid value: "a/b": may not contain \'/\'',
  ]);
  assert.deepEqual(fields(validateCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })), [
    'metadata.name: Required value: name or generateName is required',
  ]);
  assert.deepEqual(
    fields(
      validateCreate({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets' },
        spec: { group: 'example.com', names: { plural: 'widgets' } },
      }),
    ),
    ['metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group'],
  );
  // Custom resources only need path-segment names.
  assert.deepEqual(named('example.com/v1', 'Widget', 'Upper_Case'), []);
});

test('labels are checked as qualified names and label values', () => {
  const bad = deployment();
  bad.metadata.labels = { 'ok/key': 'v', 'bad key': 'v', good: 'bad value!' };
  const out = fields(validateCreate(bad));
  assert.equal(out.length, 2);
  assert.match(
    out[0]!,
    /^metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/,
  );
  assert.match(
    out[1]!,
    /^metadata\.labels: Invalid value: "bad value!": a valid label must be an empty string/,
  );
});

test('workload rules: required selector, matching template labels, containers, restart policy', () => {
  const noSelector = deployment();
  delete (noSelector.spec as Record<string, unknown>).selector;
  assert.deepEqual(fields(validateCreate(noSelector)), ['spec.selector: Required value']);
  const mismatch = deployment({ selector: { matchLabels: { app: 'api' } } });
  assert.deepEqual(fields(validateCreate(mismatch)), [
    'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
  ]);
  const noImage = deployment({
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'a' }, { name: 'a', image: 'x' }] },
    },
  });
  assert.deepEqual(fields(validateCreate(noImage)), [
    'spec.template.spec.containers[0].image: Required value',
    'spec.template.spec.containers[1].name: Duplicate value: "a"',
  ]);
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }] } } },
  };
  applyDefaults(job);
  assert.deepEqual(fields(validateCreate(job)), [
    'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
  ]);
});

test('Services need ports (named when several) unless headless or ExternalName', () => {
  const svc = (spec: Record<string, unknown>): string[] =>
    fields(validateCreate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec }));
  assert.deepEqual(svc({ ports: [] }), ['spec.ports: Required value']);
  assert.deepEqual(svc({ clusterIP: 'None' }), []);
  assert.deepEqual(svc({ type: 'ExternalName' }), ['spec.externalName: Required value']);
  assert.deepEqual(svc({ ports: [{ port: 80 }, { port: 443 }] }), [
    'spec.ports[0].name: Required value',
    'spec.ports[1].name: Required value',
  ]);
  assert.deepEqual(svc({ ports: [{ port: 70000 }] }), [
    'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]);
});

test('ConfigMap keys must be config keys', () => {
  const out = fields(
    validateCreate({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'a b': '1', ok: '2' },
    }),
  );
  assert.equal(out.length, 1);
  assert.match(
    out[0]!,
    /^data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '\.' \(e\.g\. 'key\.name', {2}or 'KEY_NAME', {2}or 'key-name', regex/,
  );
});

test('immutable fields answer "field is immutable"', () => {
  const prev = deployment();
  const next = deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } });
  (
    next.spec as { template: { metadata: { labels: Record<string, string> } } }
  ).template.metadata.labels.tier = 'x';
  assert.deepEqual(fields(validateUpdate(next, prev)), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
  ]);
  const svc = (ip: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { clusterIP: ip, ports: [{ port: 80 }] },
  });
  assert.deepEqual(fields(validateUpdate(svc('10.0.0.2'), svc('10.0.0.1'))), [
    'spec.clusterIP: Invalid value: "10.0.0.2": field is immutable',
  ]);
  const job = (image: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image }] } } },
  });
  assert.match(
    fields(validateUpdate(job('y'), job('x')))[0]!,
    /^spec\.template: Invalid value: .*: field is immutable$/,
  );
});

test('PVC specs, immutable ConfigMaps and Secrets, StatefulSet specs, role refs', () => {
  const pvc = (storage: string, cls: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: cls, resources: { requests: { storage } } },
  });
  assert.deepEqual(validateUpdate(pvc('2Gi', 'fast'), pvc('1Gi', 'fast')), []);
  assert.deepEqual(fields(validateUpdate(pvc('1Gi', 'slow'), pvc('1Gi', 'fast'))), [
    'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
  ]);
  // A claim created without a class is given the default one later, as the PV controller does.
  const classless = pvc('1Gi', 'fast');
  delete (classless.spec as Record<string, unknown>)['storageClassName'];
  assert.deepEqual(validateUpdate(pvc('1Gi', 'fast'), classless), []);
  const cm = (value: string, immutable?: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c' },
    data: { a: value },
    ...(immutable === undefined ? {} : { immutable }),
  });
  assert.deepEqual(validateUpdate(cm('2'), cm('1')), []);
  assert.deepEqual(fields(validateUpdate(cm('2', true), cm('1', true))), [
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
  assert.deepEqual(fields(validateUpdate(cm('1', false), cm('1', true))), [
    'immutable: Forbidden: field is immutable when `immutable` is set',
  ]);
  const sts = (claims: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 's' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { a: 'b' } },
      serviceName: 's',
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      volumeClaimTemplates: [{ metadata: { name: claims } }],
    },
  });
  assert.match(
    fields(validateUpdate(sts('data2'), sts('data')))[0]!,
    /^spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/,
  );
  const rb = (name: string): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'r' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
  });
  assert.match(
    fields(validateUpdate(rb('b'), rb('a')))[0]!,
    /^roleRef: Invalid value: .*: cannot change roleRef$/,
  );
});

test('InvalidObjectError carries the 422 message and causes', () => {
  const bad = deployment();
  delete (bad.spec as Record<string, unknown>).selector;
  bad.metadata.name = 'Web';
  try {
    assertValid(bad, validateCreate(bad));
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof InvalidObjectError);
    assert.equal(err.code, 'INVALID');
    assert.match(
      err.statusMessage,
      /^Deployment\.apps "Web" is invalid: \[metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain .*, spec\.selector: Required value\]$/,
    );
    assert.deepEqual(err.causes[1], {
      reason: 'FieldValueRequired',
      field: 'spec.selector',
      message: 'Required value',
    });
    assert.match(err.message, /^Deployment\/prod\/Web: Deployment\.apps "Web" is invalid/);
  }
  const one = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } } as KubeObject;
  assert.equal(
    new InvalidObjectError(one, [
      { reason: 'FieldValueRequired', field: 'spec.ports', message: 'Required value' },
    ]).statusMessage,
    'Service "s" is invalid: spec.ports: Required value',
  );
});

test('patch options: fieldManager for apply, force only on apply, known dry-run and validation values', () => {
  assert.deepEqual(fields(validatePatchOptions({ patchType: 'application/apply-patch+yaml' })), [
    'fieldManager: Required value: is required for apply patch',
  ]);
  assert.deepEqual(fields(validatePatchOptions({ patchType: 'application/merge-patch+json', force: true })), [
    'force: Forbidden: may not be specified for non-apply patch',
  ]);
  assert.deepEqual(
    fields(
      validatePatchOptions({ patchType: 'application/apply-patch+yaml', fieldManager: 'x'.repeat(129) }),
    ),
    ['fieldManager: Too long: may not be more than 128 bytes'],
  );
  assert.deepEqual(
    fields(
      validatePatchOptions({
        patchType: 'application/json-patch+json',
        dryRun: ['Some'],
        fieldValidation: 'Loud',
      }),
    ),
    [
      'dryRun: Unsupported value: ["Some"]: supported values: "All"',
      'fieldValidation: Unsupported value: "Loud": supported values: "Ignore", "Strict", "Warn"',
    ],
  );
});
