import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SMP_TAGS } from './smp-tags.ts';
import { SSA_MARKERS } from './ssa-markers.ts';
import { unmappedRows } from './tables.ts';
import { GO_VALUE_FIELDS } from './go-values.ts';
import { schemaFor, schemaForType } from './lookup.ts';

// The shared reference data sits beside the repository (…/wt/x → …/shared) or at /work/shared.
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const besideRepo = path.resolve(repoRoot, '..', 'shared');
const shared = existsSync(besideRepo) ? besideRepo : '/work/shared';
const dataDir = path.join(shared, 'reference', 'data');

function tsv(file: string, width: number): string[][] {
  return readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.split('\t');
      while (cells.length < width) cells.push('');
      return cells.slice(0, width);
    });
}

test('the SMP table holds every row of smp-tags-v1.33.tsv, in order, plus the ObjectMeta rows', () => {
  const rows = SMP_TAGS.filter((r) => r[0] !== 'meta/v1').map((r) => [...r]);
  assert.deepEqual(rows, tsv('smp-tags-v1.33.tsv', 5));
  assert.equal(SMP_TAGS.length - rows.length, 2);
});

test('the SSA table holds every row of ssa-markers-v1.33.tsv, in order, plus the meta rows', () => {
  const rows = SSA_MARKERS.filter((r) => r[0] !== 'meta/v1').map((r) => [...r]);
  assert.deepEqual(rows, tsv('ssa-markers-v1.33.tsv', 7));
});

test('every table row of a catalog group finds its client-node model', () => {
  // Groups outside the catalog (apidiscovery, flowcontrol, …) may be missing, and so may types that
  // are no API objects (query options) or that client-node does not generate; nothing else.
  const catalog =
    /^(meta|core|apps|batch|networking|rbac|autoscaling|policy|storage|coordination|events|admissionregistration|scheduling|discovery)\//;
  const missing = unmappedRows().filter((r) => catalog.test(r));
  assert.deepEqual(missing, [
    'core/v1 AvoidPods.preferAvoidPods',
    'core/v1 PodExecOptions.command',
    'core/v1 PodPortForwardOptions.ports',
    'core/v1 EvictionResponder',
  ]);
});

test('the Go value-field table reaches its models: non-pointer structs and times of each kind', () => {
  const deployment = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;
  assert.deepEqual(
    [...deployment.goValueFields],
    [
      ['metadata', 'struct'],
      ['spec', 'struct'],
      ['status', 'struct'],
    ],
  );
  const container = schemaForType('core/v1', 'Container')!;
  assert.equal(container.goValueFields.get('resources'), 'struct');
  assert.equal(schemaForType('meta/v1', 'ObjectMeta')!.goValueFields.get('creationTimestamp'), 'time');
  // Embedded inline, so its rows land in the embedding model.
  assert.equal(schemaForType('core/v1', 'EphemeralContainer')!.goValueFields.get('resources'), 'struct');
  // The rest that finds no model: types client-node does not generate (internal, alpha-era or
  // request-only types). Anything else missing would be a broken row.
  const missing = GO_VALUE_FIELDS.filter(([gv, goType]) => !schemaForType(gv, goType)).map(
    ([gv, t]) => `${gv} ${t}`,
  );
  assert.deepEqual(
    [...new Set(missing)],
    [
      'core/v1 VolumeHealthStatus',
      'core/v1 PodVolumeHealth',
      'core/v1 EphemeralContainerCommon',
      'core/v1 EvictionResponder',
      'core/v1 PreferAvoidPodsEntry',
      'core/v1 PodExecOptions',
      'core/v1 SerializedReference',
      'core/v1 RangeAllocation',
      'core/v1 NodeAllocatableMappedResources',
      'autoscaling/v1 ObjectMetricSource',
      'autoscaling/v1 HorizontalPodAutoscalerCondition',
      'autoscaling/v1 ObjectMetricStatus',
      'storage/v1 StorageHealthCondition',
      'apiextensions/v1 ConversionRequest',
      'apiextensions/v1 ConversionResponse',
    ],
  );
});
