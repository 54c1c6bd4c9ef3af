import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JqEngine, JqTimeoutError } from './jq.ts';

const doc = {
  spec: {
    template: {
      spec: { initContainers: [{ name: 'istio-init' }, { name: 'setup' }], containers: [{ name: 'web' }] },
    },
  },
};

test('real jq selects paths, reports syntax errors per expression, and keeps working after errors', async () => {
  const jq = new JqEngine();
  try {
    const signal = AbortSignal.timeout(30_000);
    const [byName, bad, none] = await jq.paths(
      doc,
      ['.spec.template.spec.initContainers[] | select(.name == "istio-init")', '.spec[', '.nothing.here'],
      { signal, timeoutMs: 10_000 },
    );
    assert.deepEqual(byName, { paths: [['spec', 'template', 'spec', 'initContainers', 0]] });
    assert.ok(bad && 'error' in bad && /syntax error/.test(bad.error), JSON.stringify(bad));
    assert.deepEqual(none, { paths: [['nothing', 'here']] });
    const [all] = await jq.paths(doc, ['.. | objects | select(has("name")) | .name'], {
      signal,
      timeoutMs: 10_000,
    });
    assert.equal(all && 'paths' in all ? all.paths.length : 0, 3);
  } finally {
    await jq.close();
  }
});

test('a runaway expression times out and the next call gets a fresh jq', async () => {
  const jq = new JqEngine();
  try {
    const signal = AbortSignal.timeout(30_000);
    // Warm up so the timeout measures evaluation, not WebAssembly compilation.
    await jq.paths(doc, ['.spec'], { signal, timeoutMs: 10_000 });
    await assert.rejects(jq.paths(doc, ['def f: f; f'], { signal, timeoutMs: 300 }), (e: unknown) => {
      return e instanceof JqTimeoutError && e.message === 'JQ patch execution timed out (0.3s)';
    });
    const [ok] = await jq.paths(doc, ['.spec.template'], { signal, timeoutMs: 10_000 });
    assert.deepEqual(ok, { paths: [['spec', 'template']] });
  } finally {
    await jq.close();
  }
});
