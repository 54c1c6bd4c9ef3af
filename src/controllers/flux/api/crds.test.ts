import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseApiVersion } from '../../../core/index.ts';
import { findUnknownFields, schemaForCustomResource } from '../../../kube/index.ts';
import { crdErrors, storageVersion, type CustomResourceDefinition } from '../../index.ts';
import { fluxCrds } from './crds.ts';
import { examples } from './testdata/examples.ts';

const crds = fluxCrds();
const crdOf = (apiVersion: string, kind: string): CustomResourceDefinition => {
  const { group } = parseApiVersion(apiVersion);
  const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === kind);
  assert.ok(crd, `${kind}.${group}`);
  return crd;
};

describe('Flux CRDs', () => {
  test('every CRD is valid and structural', () => {
    for (const crd of crds) assert.deepEqual(crdErrors(crd), [], crd.metadata.name);
  });

  test("served versions (storage first), short names and categories are Flux's", () => {
    const table = crds.map((c) => [
      c.spec.names.kind,
      c.spec.versions
        .map((v) => `${v.name}${v.storage ? '*' : ''}${v.deprecated ? '(deprecated)' : ''}`)
        .join(' '),
      (c.spec.names.shortNames ?? []).join(','),
      (c.spec.names.categories ?? []).join(','),
    ]);
    assert.deepEqual(table, [
      ['GitRepository', 'v1* v1beta2(deprecated)', 'gitrepo', 'all,fluxcd,fluxcd-sources'],
      ['HelmRepository', 'v1* v1beta2(deprecated)', 'helmrepo', 'all,fluxcd,fluxcd-sources'],
      ['HelmChart', 'v1* v1beta2(deprecated)', 'hc', 'all,fluxcd,fluxcd-sources'],
      ['OCIRepository', 'v1* v1beta2(deprecated)', 'ocirepo', 'all,fluxcd,fluxcd-sources'],
      ['Bucket', 'v1* v1beta2(deprecated)', '', 'all,fluxcd,fluxcd-sources'],
      ['Kustomization', 'v1* v1beta2(deprecated)', 'ks', 'all,fluxcd,fluxcd-appliers'],
      ['HelmRelease', 'v2* v2beta2(deprecated) v2beta1(deprecated)', 'hr', 'all,fluxcd,fluxcd-appliers'],
      ['Alert', 'v1beta3* v1beta2(deprecated)', '', 'all,fluxcd,fluxcd-notifications'],
      ['Provider', 'v1beta3* v1beta2(deprecated)', '', 'all,fluxcd,fluxcd-notifications'],
      ['Receiver', 'v1* v1beta2(deprecated)', '', 'all,fluxcd,fluxcd-notifications'],
      [
        'ImageRepository',
        'v1* v1beta2(deprecated) v1beta1(deprecated)',
        'imgrepo,imagerepo',
        'all,fluxcd,fluxcd-images',
      ],
      [
        'ImagePolicy',
        'v1* v1beta2(deprecated) v1beta1(deprecated)',
        'imgpol,imagepol',
        'all,fluxcd,fluxcd-images',
      ],
      [
        'ImageUpdateAutomation',
        'v1* v1beta2(deprecated) v1beta1(deprecated)',
        'iua,imgupd,imgauto',
        'all,fluxcd,fluxcd-images',
      ],
    ]);
    const warning = crdOf('helm.toolkit.fluxcd.io/v2', 'HelmRelease').spec.versions[2]?.deprecationWarning;
    assert.equal(warning, 'v2beta1 HelmRelease is deprecated, upgrade to v2');
  });

  test('status subresource on every version with a status; Alert and Provider v1beta3 have none', () => {
    for (const crd of crds) {
      for (const v of crd.spec.versions) {
        const hasStatus = v.schema.openAPIV3Schema.properties?.['status'] !== undefined;
        assert.deepEqual(v.subresources, hasStatus ? { status: {} } : {}, `${crd.metadata.name} ${v.name}`);
        const noStatus = ['Alert', 'Provider'].includes(crd.spec.names.kind) && v.name === 'v1beta3';
        assert.equal(hasStatus, !noStatus, `${crd.metadata.name} ${v.name}`);
      }
    }
  });

  test('printer columns: Ready and Status from the Ready condition, URL for Git and Helm repositories', () => {
    const columns = (kind: string, apiVersion: string) =>
      storageVersion(crdOf(apiVersion, kind)).additionalPrinterColumns?.map((c) => c.name);
    assert.deepEqual(columns('GitRepository', 'source.toolkit.fluxcd.io/v1'), [
      'URL',
      'Age',
      'Ready',
      'Status',
    ]);
    assert.deepEqual(columns('HelmRepository', 'source.toolkit.fluxcd.io/v1'), [
      'URL',
      'Age',
      'Ready',
      'Status',
    ]);
    assert.deepEqual(columns('HelmChart', 'source.toolkit.fluxcd.io/v1'), [
      'Chart',
      'Version',
      'Source Kind',
      'Source Name',
      'Age',
      'Ready',
      'Status',
    ]);
    assert.deepEqual(columns('Kustomization', 'kustomize.toolkit.fluxcd.io/v1'), ['Age', 'Ready', 'Status']);
    assert.deepEqual(columns('HelmRelease', 'helm.toolkit.fluxcd.io/v2'), ['Age', 'Ready', 'Status']);
    assert.deepEqual(columns('ImagePolicy', 'image.toolkit.fluxcd.io/v1'), [
      'Image',
      'Tag',
      'Ready',
      'Status',
      'Age',
    ]);
    const ready = storageVersion(crdOf('kustomize.toolkit.fluxcd.io/v1', 'Kustomization'))
      .additionalPrinterColumns?.[1];
    assert.equal(ready?.jsonPath, '.status.conditions[?(@.type=="Ready")].status');
  });

  for (const example of examples) {
    test(`every field of the ${example.kind} type is declared by its storage version's schema`, () => {
      const crd = crdOf(example.apiVersion, example.kind);
      assert.equal(storageVersion(crd).name, parseApiVersion(example.apiVersion).version);
      const schema = schemaForCustomResource(crd, storageVersion(crd).name);
      assert.deepEqual(findUnknownFields(example, schema), []);
    });
  }
});
