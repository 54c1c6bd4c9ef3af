import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinKinds, isBuiltin, schemaFor, schemaForType } from './lookup.ts';
import type { SchemaNode } from './types.ts';

function at(root: SchemaNode | undefined, path: string): SchemaNode {
  let node = root;
  for (const part of path.split('.')) {
    assert.ok(node, `no node before ${part}`);
    node = part === '[]' ? node.elements() : node.field(part);
  }
  assert.ok(node, `no node at ${path}`);
  return node;
}

const deployment = schemaFor({ group: 'apps', version: 'v1', kind: 'Deployment' });

test('every catalog kind resolves to a struct node', () => {
  for (const k of builtinKinds()) {
    const node = schemaFor(k);
    assert.ok(node, `${k.apiVersion} ${k.kind}`);
    assert.equal(node.kind, 'struct');
    assert.ok(node.knownFields.includes('metadata') || k.kind === 'Status' || k.kind === 'DeleteOptions');
  }
});

test('kinds map to the model of their own group and version', () => {
  assert.equal(
    schemaFor({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' })?.model,
    'V2HorizontalPodAutoscaler',
  );
  assert.equal(
    schemaFor({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' })?.model,
    'V1HorizontalPodAutoscaler',
  );
  assert.equal(schemaFor({ apiVersion: 'v1', kind: 'Event' })?.model, 'CoreV1Event');
  assert.equal(schemaFor({ apiVersion: 'events.k8s.io/v1', kind: 'Event' })?.model, 'EventsV1Event');
  assert.equal(schemaFor({ apiVersion: 'autoscaling/v1', kind: 'Scale' })?.typeName, 'Scale');
});

test('kinds outside the catalog are not built-ins, even when a model shares the name', () => {
  assert.equal(schemaFor({ apiVersion: 'example.com/v1', kind: 'Deployment' }), undefined);
  assert.equal(schemaFor({ apiVersion: 'apps/v1', kind: 'Ingress' }), undefined);
  assert.equal(isBuiltin({ apiVersion: 'example.com/v1', kind: 'Widget' }), false);
  assert.equal(isBuiltin({ apiVersion: 'apps/v1', kind: 'Deployment' }), true);
});

test('containers merge by name under SMP and are a map list under SSA', () => {
  const containers = at(deployment, 'spec.template.spec.containers');
  assert.equal(containers.kind, 'list');
  assert.equal(containers.patchStrategy, 'merge');
  assert.equal(containers.patchMergeKey, 'name');
  assert.equal(containers.listType, 'map');
  assert.deepEqual(containers.listMapKeys, ['name']);
  assert.equal(containers.elements().typeName, 'Container');
});

test('SMP and SSA keys differ for container ports, and protocol defaults inside the key', () => {
  const ports = at(deployment, 'spec.template.spec.containers.[].ports');
  assert.equal(ports.patchMergeKey, 'containerPort');
  assert.deepEqual(ports.listMapKeys, ['containerPort', 'protocol']);
  assert.equal(ports.listMapKeyDefault('protocol'), 'TCP');
  assert.equal(ports.listMapKeyDefault('containerPort'), undefined);
  const svcPorts = at(schemaFor({ apiVersion: 'v1', kind: 'Service' }), 'spec.ports');
  assert.equal(svcPorts.patchMergeKey, 'port');
  assert.deepEqual(svcPorts.listMapKeys, ['port', 'protocol']);
  assert.equal(svcPorts.listMapKeyDefault('protocol'), 'TCP');
  assert.equal(at(svcPorts, '[].targetPort').kind, 'intOrString');
});

test('retainKeys strategies and the replace strategy are attached to their fields', () => {
  assert.equal(at(deployment, 'spec.strategy').patchStrategy, 'retainKeys');
  assert.equal(at(deployment, 'spec.strategy').kind, 'struct');
  assert.equal(at(deployment, 'spec.template.spec.volumes').patchStrategy, 'merge,retainKeys');
  const pdb = schemaFor({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' });
  assert.equal(at(pdb, 'spec.selector').patchStrategy, 'replace');
  // The same type reached through another field carries no strategy.
  assert.equal(at(deployment, 'spec.selector').patchStrategy, undefined);
});

test('atomic structs and maps, granular ones, and a field-level override', () => {
  assert.equal(at(deployment, 'spec.selector').mapType, 'atomic');
  assert.equal(at(deployment, 'spec.template').mapType, 'granular');
  assert.equal(at(deployment, 'metadata.labels').kind, 'map');
  assert.equal(at(deployment, 'metadata.labels').mapType, 'granular');
  assert.equal(at(deployment, 'spec.template.spec.nodeSelector').mapType, 'atomic');
  const pv = schemaFor({ apiVersion: 'v1', kind: 'PersistentVolume' });
  assert.equal(at(pv, 'spec.claimRef').mapType, 'granular');
  assert.equal(at(deployment, 'metadata.ownerReferences.[]').mapType, 'atomic');
  assert.equal(
    at(deployment, 'spec.template.spec.containers.[].env.[].valueFrom.secretKeyRef').mapType,
    'atomic',
  );
});

test('metadata lists: finalizers are a set, ownerReferences a map by uid, managedFields atomic', () => {
  const meta = at(deployment, 'metadata');
  assert.equal(at(meta, 'finalizers').listType, 'set');
  assert.equal(at(meta, 'finalizers').patchStrategy, 'merge');
  assert.equal(at(meta, 'ownerReferences').listType, 'map');
  assert.deepEqual(at(meta, 'ownerReferences').listMapKeys, ['uid']);
  assert.equal(at(meta, 'ownerReferences').patchMergeKey, 'uid');
  assert.equal(at(meta, 'managedFields').listType, 'atomic');
});

test('unmarked lists are atomic; SMP merge without a list type implies one', () => {
  assert.equal(at(deployment, 'spec.template.spec.tolerations').listType, 'atomic');
  assert.equal(at(deployment, 'spec.template.spec.containers.[].args').listType, 'atomic');
  assert.equal(at(deployment, 'status.conditions').listType, 'map');
  assert.deepEqual(at(deployment, 'status.conditions').listMapKeys, ['type']);
  const node = schemaFor({ apiVersion: 'v1', kind: 'Node' });
  assert.equal(at(node, 'spec.podCIDRs').listType, 'set');
});

test('scalars carry their type; untyped fields are any', () => {
  assert.equal(at(deployment, 'spec.replicas').scalarType, 'integer');
  assert.equal(at(deployment, 'metadata.creationTimestamp').scalarType, 'time');
  assert.equal(at(deployment, 'metadata.name').scalarType, 'string');
  assert.equal(at(deployment, 'spec.paused').scalarType, 'boolean');
  const rev = schemaFor({ apiVersion: 'apps/v1', kind: 'ControllerRevision' });
  assert.equal(at(rev, 'data').kind, 'any');
  assert.equal(at(rev, 'data').field('anything')?.kind, 'any');
});

test('known fields enable unknown-field detection', () => {
  const spec = at(deployment, 'spec');
  assert.ok(spec.knownFields.includes('replicas'));
  assert.equal(spec.field('replicaz'), undefined);
  assert.equal(spec.preserveUnknownFields, false);
});

test('EphemeralContainerCommon rows apply to the EphemeralContainer model', () => {
  const pod = schemaFor({ apiVersion: 'v1', kind: 'Pod' });
  const ports = at(pod, 'spec.ephemeralContainers.[].ports');
  assert.deepEqual(ports.listMapKeys, ['containerPort', 'protocol']);
  assert.equal(ports.patchMergeKey, 'containerPort');
});

test('lookups are cached: the same node object comes back', () => {
  assert.equal(schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' }), deployment);
  assert.equal(at(deployment, 'spec.template'), at(deployment, 'spec.template'));
  assert.equal(schemaForType('core/v1', 'PodSpec')?.model, 'V1PodSpec');
  assert.equal(schemaForType('core/v1', 'NoSuchType'), undefined);
});
