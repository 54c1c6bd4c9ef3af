import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../registry/registry.ts';
import { ApiError } from '../errors.ts';
import { parseFieldSelector } from './fields.ts';
import type { KubeObject } from '../../core/index.ts';

const registry = new Registry();
const pods = registry.byKind('v1', 'Pod')!;
const events = registry.byKind('v1', 'Event')!;
const eventsV1 = registry.byKind('events.k8s.io/v1', 'Event')!;
const configmaps = registry.byKind('v1', 'ConfigMap')!;

const pod = (name: string, phase: string, node?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: node ? { nodeName: node } : {},
  status: { phase },
});

test('metadata.name and metadata.namespace select any type', () => {
  const s = parseFieldSelector('metadata.name=a,metadata.namespace=default', configmaps);
  assert.equal(
    s.matches({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } }),
    true,
  );
  assert.equal(
    s.matches({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } }),
    false,
  );
});

test('pods select by status.phase and spec.nodeName, with == and !=', () => {
  const running = parseFieldSelector('status.phase==Running', pods);
  assert.equal(running.matches(pod('a', 'Running')), true);
  assert.equal(running.matches(pod('b', 'Pending')), false);
  const notOnNode = parseFieldSelector('spec.nodeName!=n1', pods);
  assert.equal(notOnNode.matches(pod('a', 'Running', 'n1')), false);
  assert.equal(notOnNode.matches(pod('b', 'Running')), true);
  assert.equal(
    parseFieldSelector('spec.nodeName=', pods).matches(pod('c', 'Pending')),
    true,
    'unscheduled pods have an empty nodeName',
  );
});

test('events select by involvedObject as kubectl describe asks', () => {
  const s = parseFieldSelector(
    'involvedObject.name=web,involvedObject.namespace=default,involvedObject.kind=Deployment,involvedObject.uid=u1',
    events,
  );
  const ev = (uid: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e', namespace: 'default' },
    involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default', uid },
  });
  assert.equal(s.matches(ev('u1')), true);
  assert.equal(s.matches(ev('u2')), false);
  assert.equal(
    parseFieldSelector('regarding.name=web', eventsV1).matches(ev('u1')),
    true,
    'events.k8s.io names read the stored core fields',
  );
});

test('an unsupported field is a 400 naming it', () => {
  assert.throws(
    () => parseFieldSelector('spec.foo=bar', configmaps),
    (err: unknown) =>
      err instanceof ApiError &&
      err.httpCode === 400 &&
      /field label not supported: spec.foo/.test(err.message),
  );
  assert.throws(
    () => parseFieldSelector('status.phase', pods),
    (err: unknown) => err instanceof ApiError && err.httpCode === 400,
  );
});

test('escaped commas belong to the value', () => {
  const s = parseFieldSelector('metadata.name=a\\,b', configmaps);
  assert.equal(s.requirements[0]?.value, 'a,b');
});
