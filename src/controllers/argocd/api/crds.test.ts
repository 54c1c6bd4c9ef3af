import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../core/index.ts';
import { findUnknownFields, schemaForCustomResource } from '../../../kube/index.ts';
import { crdErrors, storageVersion, type CustomResourceDefinition } from '../../index.ts';
import { argocdCrds } from './crds.ts';
import { fullApplication, fullApplicationSet, fullProject } from './testdata/examples.ts';

const crds = argocdCrds();
const byName = (name: string): CustomResourceDefinition => {
  const crd = crds.find((c) => c.metadata.name === name);
  assert.ok(crd, name);
  return crd;
};

describe('Argo CD CRDs', () => {
  test('each is one served storage version v1alpha1 with a structural schema', () => {
    assert.deepEqual(
      crds.map((c) => c.metadata.name),
      ['applications.argoproj.io', 'appprojects.argoproj.io', 'applicationsets.argoproj.io'],
    );
    for (const crd of crds) {
      assert.deepEqual(crdErrors(crd), [], crd.metadata.name);
      assert.equal(storageVersion(crd).name, 'v1alpha1');
      assert.equal(crd.spec.scope, 'Namespaced');
    }
  });

  test("names, short names and subresources are Argo CD's", () => {
    const names = crds.map((c) => [c.spec.names.kind, c.spec.names.shortNames, c.spec.names.categories]);
    assert.deepEqual(names, [
      ['Application', ['app', 'apps'], undefined],
      ['AppProject', ['appproj', 'appprojs'], undefined],
      ['ApplicationSet', ['appset', 'appsets'], undefined],
    ]);
    // The Application controller writes status with a plain update; only ApplicationSet has /status.
    assert.deepEqual(
      crds.map((c) => c.spec.versions[0]!.subresources),
      [{}, undefined, { status: {} }],
    );
  });

  test('kubectl get applications shows Sync Status, Health Status, and with -o wide Revision and Project', () => {
    const columns = storageVersion(byName('applications.argoproj.io')).additionalPrinterColumns;
    assert.deepEqual(
      columns?.map((c) => `${c.name}=${c.jsonPath}${c.priority ? ` (wide)` : ''}`),
      [
        'Sync Status=.status.sync.status',
        'Health Status=.status.health.status',
        'Revision=.status.sync.revision (wide)',
        'Project=.spec.project (wide)',
      ],
    );
  });

  for (const [crdName, example] of [
    ['applications.argoproj.io', fullApplication],
    ['appprojects.argoproj.io', fullProject],
    ['applicationsets.argoproj.io', fullApplicationSet],
  ] as [string, KubeObject][]) {
    test(`every field of the ${example.kind} type is declared by the schema (nothing would be pruned)`, () => {
      const schema = schemaForCustomResource(byName(crdName), 'v1alpha1');
      assert.deepEqual(findUnknownFields(example, schema), []);
    });
  }

  test('helm.valuesObject, list elements, plugin input and nested matrix keep whatever they are given', () => {
    const app = schemaForCustomResource(byName('applications.argoproj.io'), 'v1alpha1');
    const appSet = schemaForCustomResource(byName('applicationsets.argoproj.io'), 'v1alpha1');
    const free = { anything: { goes: [1, { deep: true }] } };
    const source = { repoURL: 'r', helm: { valuesObject: free } };
    assert.deepEqual(findUnknownFields({ spec: { source }, operation: { sync: { source } } }, app), []);
    const generators = [
      { list: { elements: [free] } },
      { plugin: { configMapRef: { name: 'p' }, input: { parameters: { key: free } } } },
      { matrix: { generators: [{ matrix: free, merge: free }] } },
    ];
    assert.deepEqual(findUnknownFields({ spec: { generators } }, appSet), []);
    // Typed places stay typed: an unknown key under helm is reported.
    assert.deepEqual(
      findUnknownFields({ spec: { source: { repoURL: 'r', helm: { valuesObjekt: free } } } }, app).map(
        (p) => p.path,
      ),
      ['spec.source.helm.valuesObjekt'],
    );
  });
});
