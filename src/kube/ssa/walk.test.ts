import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor, schemaForCustomResource } from '../schema/lookup.ts';
import { compareValues } from './compare.ts';
import { mergeValues } from './merge.ts';
import { fieldElement as f, keyElement } from './path-element.ts';
import { removeItems } from './remove.ts';
import { toFieldSet } from './to-field-set.ts';
import { FieldSet } from './field-set.ts';

const deployment = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;
const template = deployment.field('spec')!.field('template')!.field('spec')!;

const config = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], args: ['-v'] }],
        nodeSelector: { disk: 'ssd' },
        securityContext: {},
      },
    },
  },
};

test('the field set of an applied configuration, as an Apply entry records it', () => {
  const { set, issues } = toFieldSet(config, deployment);
  assert.deepEqual(issues, []);
  assert.equal(
    JSON.stringify(set.toFieldsV1()),
    JSON.stringify({
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:args': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
            'f:nodeSelector': {},
            'f:securityContext': {},
          },
        },
      },
    }),
  );
});

test('duplicate keys and items without keys are reported with their paths', () => {
  const bad = {
    spec: {
      template: {
        spec: {
          containers: [{ name: 'a', env: [{ name: 'X' }, { name: 'X', value: '2' }] }, { image: 'nokey' }],
        },
      },
    },
  };
  const { issues } = toFieldSet(bad, deployment);
  assert.deepEqual(issues, [
    {
      path: '.spec.template.spec.containers',
      message:
        'element 1: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)',
    },
    { path: '.spec.template.spec.containers[name="a"].env', message: 'duplicate entries for key [name="X"]' },
  ]);
});

test('compare reports added subtrees at their root, modified leaves and removals', () => {
  const live = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } } };
  const next = {
    metadata: { labels: { app: 'web' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'b', image: 'y' }] } } },
  };
  const c = compareValues(live, next, deployment);
  assert.deepEqual(c.modified.paths(), [[f('spec'), f('replicas')]]);
  const a = keyElement([['name', 'a']]);
  const b = keyElement([['name', 'b']]);
  const containers = [f('spec'), f('template'), f('spec'), f('containers')];
  assert.deepEqual(c.removed.paths(), [
    [...containers, a],
    [...containers, a, f('image')],
    [...containers, a, f('name')],
  ]);
  assert.ok(c.added.has([f('metadata')]));
  assert.ok(c.added.has([f('metadata'), f('labels')]));
  assert.ok(c.added.has([...containers, b]));
  assert.ok(!c.added.has(containers));
});

test('merge keeps live-only list items next to the shared items they followed', () => {
  const list = template.field('containers')!;
  const live = [{ name: 'a', image: '1' }, { name: 'x' }, { name: 'b', image: '1' }];
  const applied = [{ name: 'b', image: '2' }, { name: 'a' }];
  assert.deepEqual(mergeValues(live, applied, list), [
    { name: 'x' },
    { name: 'b', image: '2' },
    { name: 'a', image: '1' },
  ]);
});

test('merge: granular maps merge, atomic maps and lists are replaced, sets union', () => {
  const live = {
    metadata: { labels: { a: '1' }, finalizers: ['x'] },
    spec: { template: { spec: { nodeSelector: { a: '1' }, containers: [{ name: 'c', args: ['1', '2'] }] } } },
  };
  const applied = {
    metadata: { labels: { b: '2' }, finalizers: ['y', 'x'] },
    spec: { template: { spec: { nodeSelector: { b: '2' }, containers: [{ name: 'c', args: ['3'] }] } } },
  };
  assert.deepEqual(mergeValues(live, applied, deployment), {
    metadata: { labels: { a: '1', b: '2' }, finalizers: ['y', 'x'] },
    spec: { template: { spec: { nodeSelector: { b: '2' }, containers: [{ name: 'c', args: ['3'] }] } } },
  });
});

test('remove drops members with their subtrees and empty parents left behind', () => {
  const obj = { metadata: { labels: { a: '1' } }, spec: { replicas: 2, paused: true } };
  const out = removeItems(
    obj,
    FieldSet.of([f('metadata'), f('labels'), f('a')], [f('spec'), f('paused')]),
    deployment,
  );
  assert.deepEqual(out, { spec: { replicas: 2 } });
  // An atomic value is never entered.
  assert.deepEqual(
    removeItems(
      { spec: { selector: { a: 1 } } },
      FieldSet.of([f('spec'), f('selector'), f('a')]),
      deployment,
    ),
    {
      spec: { selector: { a: 1 } },
    },
  );
});

test('custom resources merge by their CRD markers; untyped lists are atomic', () => {
  const crd = {
    spec: {
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    servers: {
                      type: 'array',
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['name'],
                      items: {
                        type: 'object',
                        properties: { name: { type: 'string' }, port: { type: 'integer' } },
                      },
                    },
                    hosts: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
  const schema = schemaForCustomResource(crd, 'v1');
  const live = { spec: { servers: [{ name: 'a', port: 1 }], hosts: ['x'] } };
  const applied = { spec: { servers: [{ name: 'b', port: 2 }], hosts: ['y'] } };
  assert.deepEqual(mergeValues(live, applied, schema), {
    spec: {
      servers: [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
      ],
      hosts: ['y'],
    },
  });
  const bare = schemaForCustomResource({ spec: { versions: [{ name: 'v1' }] } }, 'v1');
  assert.deepEqual(mergeValues(live, applied, bare), {
    spec: { servers: [{ name: 'b', port: 2 }], hosts: ['y'] },
  });
  const fields = toFieldSet(applied, bare).set;
  assert.deepEqual(fields.paths(), [
    [f('spec'), f('hosts')],
    [f('spec'), f('servers')],
  ]);
});
