// The write paths an API server builds from these pieces, driven through the module's public face:
// create, kubectl's client-side apply (three-way SMP), kubectl scale, a GitOps controller's
// server-side apply with force, its drift check, and a field it stops sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../core/index.ts';
import {
  applyDefaults,
  applyServerSide,
  createThreeWayMergePatch,
  decodeJsonStrict,
  enforceFieldValidation,
  goJson,
  LAST_APPLIED_ANNOTATION,
  schemaFor,
  strategicMergePatch,
  trackUpdate,
  validateCreate,
  validateUpdate,
} from './index.ts';

let t = Date.parse('2026-03-01T10:00:00Z');
const now = (): Date => new Date((t += 1000));
const schema = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;

function manifest(image: string, replicas?: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

/** What kubectl apply does client-side: the file with its own last-applied annotation. */
function withLastApplied(file: KubeObject): KubeObject {
  const copy = structuredClone(file);
  copy.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: `${goJson(file)}\n` };
  return copy;
}

/** The server's update path: patch result → defaults → validation → managedFields. */
function update(live: KubeObject, next: KubeObject, manager: string, subresource = ''): KubeObject {
  applyDefaults(next);
  assert.deepEqual(validateUpdate(next, live), []);
  const r = trackUpdate({ live, object: next, manager, subresource, now });
  r.object.metadata.resourceVersion = String(Number(live.metadata.resourceVersion) + (r.changed ? 1 : 0));
  return r.object;
}

test('kubectl apply, kubectl scale, then a GitOps controller takes over with server-side apply', () => {
  // kubectl apply (create): the body is decoded strictly, defaulted, validated, tracked.
  const body = JSON.stringify(withLastApplied(manifest('nginx:1.26', 2)));
  const decoded = decodeJsonStrict(body, schema);
  assert.deepEqual(enforceFieldValidation(decoded.problems, 'Strict'), []);
  const created = decoded.value as KubeObject;
  applyDefaults(created);
  assert.deepEqual(validateCreate(created), []);
  let live = trackUpdate({
    live: undefined,
    object: created,
    manager: 'kubectl-client-side-apply',
    now,
  }).object;
  live.metadata.uid = 'uid-1';
  live.metadata.resourceVersion = '1';

  // kubectl apply (configure): a three-way patch from last-applied, file and live object.
  const lastApplied = JSON.parse(live.metadata.annotations![LAST_APPLIED_ANNOTATION]!) as KubeObject;
  const patch = createThreeWayMergePatch(
    lastApplied,
    withLastApplied(manifest('nginx:1.27', 2)),
    live,
    schema,
  );
  live = update(live, strategicMergePatch(live, patch, schema) as KubeObject, 'kubectl-client-side-apply');
  assert.equal(live.metadata.resourceVersion, '2');

  // kubectl scale through /scale.
  const scaled = structuredClone(live);
  (scaled.spec as Record<string, unknown>).replicas = 5;
  live = update(live, scaled, 'kubectl', 'scale');
  assert.deepEqual(
    live.metadata.managedFields!.map((e) => [e.manager, e.subresource ?? '']),
    [
      ['kubectl-client-side-apply', ''],
      ['kubectl', 'scale'],
    ],
  );

  // The controller applies the file without replicas: no conflict, replicas stay as scaled.
  const flux = applyServerSide({ live, config: manifest('nginx:1.27'), manager: 'flux', now });
  assert.equal((flux.object.spec as Record<string, unknown>).replicas, 5);
  live = flux.object;
  live.metadata.resourceVersion = '4';

  // Its drift check is a no-op: same object, nothing to store.
  const drift = applyServerSide({ live, config: manifest('nginx:1.27'), manager: 'flux', now });
  assert.equal(drift.changed, false);
  assert.deepEqual(drift.object, live);

  // Forcing a new image takes the field from kubectl's client-side entry.
  const forced = applyServerSide({
    live,
    config: manifest('nginx:1.28'),
    manager: 'flux',
    now,
    force: true,
  }).object;
  const image = (forced.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
    .containers[0]!.image;
  assert.equal(image, 'nginx:1.28');
  const csa = forced.metadata.managedFields!.find((e) => e.manager === 'kubectl-client-side-apply')!;
  assert.ok(!JSON.stringify(csa.fieldsV1).includes('"f:image"'));
  assert.ok(JSON.stringify(csa.fieldsV1).includes('"f:imagePullPolicy"'));
  // Stored objects serialise and clone like any JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(forced)), structuredClone(forced));
});
