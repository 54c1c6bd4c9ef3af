import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CapstanError } from '../../core/index.ts';
import { AdmissionPipeline } from './pipeline.ts';
import type { AdmissionRequest, AdmissionSlot, AdmissionStep } from './types.ts';

const step = (name: string, slot: AdmissionSlot, log: string[]): AdmissionStep => ({
  name,
  slot,
  admit: () => void log.push(name),
});

test('steps run in slot order, then in the order they were added', async () => {
  const log: string[] = [];
  const p = new AdmissionPipeline();
  p.add(step('gen', 'generation', log));
  p.add(step('validate-a', 'validation', log));
  p.add(step('default', 'defaulting', log));
  p.add(step('validate-b', 'validation', log));
  p.add(step('strategy', 'strategy', log));
  await p.run({} as AdmissionRequest);
  assert.deepEqual(log, ['strategy', 'default', 'validate-a', 'validate-b', 'gen']);
  assert.deepEqual(p.describe(), [
    'strategy/strategy',
    'defaulting/default',
    'validation/validate-a',
    'validation/validate-b',
    'generation/gen',
  ]);
});

test('a step can be replaced by removing it and adding another under the same slot', async () => {
  const log: string[] = [];
  const p = new AdmissionPipeline();
  p.add(step('carry-over', 'managedFields', log));
  assert.throws(() => p.add(step('carry-over', 'managedFields', log)), CapstanError);
  assert.equal(p.remove('carry-over'), true);
  assert.equal(p.remove('carry-over'), false);
  p.add(step('ssa', 'managedFields', log));
  await p.run({} as AdmissionRequest);
  assert.deepEqual(log, ['ssa']);
});

test('matches() filters, async steps are awaited, and a throw stops the write', async () => {
  const log: string[] = [];
  const p = new AdmissionPipeline();
  p.add({
    name: 'only-updates',
    slot: 'validation',
    matches: (r) => r.operation === 'UPDATE',
    admit: () => void log.push('u'),
  });
  p.add({
    name: 'slow',
    slot: 'validation',
    admit: async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.push('slow');
    },
  });
  p.add({
    name: 'refuse',
    slot: 'generation',
    admit: () => {
      throw new Error('no');
    },
  });
  await assert.rejects(p.run({ operation: 'CREATE' } as AdmissionRequest), /no/);
  assert.deepEqual(log, ['slow']);
  assert.throws(() => p.add({ name: 'x', slot: 'nope' as AdmissionSlot, admit: () => {} }), /unknown slot/);
});
