import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  formatNumber,
  jsonRoundTrip,
  marshalYaml,
  marshalYamlStream,
  UnsupportedValueError,
} from './emit.ts';
import { parseYaml } from './parse.ts';

// emit.cases.json: values and the exact document `kubectl kustomize` (kustomize v5.5.0) printed
// for a ConfigMap holding each of them (recorded from the real binary): quoting, folding, block
// scalars, escapes, numbers, nesting, key order.
interface Case {
  value: Record<string, unknown>;
  yaml: string;
}
const cases = JSON.parse(
  readFileSync(new URL('./emit.cases.json', import.meta.url), 'utf8'),
  (_k, v: unknown) =>
    v !== null && typeof v === 'object' && '$bigint' in v ? BigInt((v as { $bigint: string }).$bigint) : v,
) as Case[];

test(`the printer matches kustomize byte for byte on ${cases.length} recorded documents`, () => {
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const doc = {
      apiVersion: 'v1',
      data: c.value,
      kind: 'ConfigMap',
      metadata: { name: i === cases.length - 1 ? 'keys' : `c${i}` },
    };
    const got = marshalYaml(doc);
    if (got !== c.yaml)
      failures.push(`#${i} ${JSON.stringify(c.value).slice(0, 80)}\n--- got\n${got}--- kustomize\n${c.yaml}`);
  });
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('strings that YAML 1.1 reads as other types are quoted; others stay plain', () => {
  assert.equal(
    marshalYaml({ a: 'yes', b: 'y', c: 'web', d: '0123', e: '1e3', f: '2001-12-14', g: '12:30' }),
    ['a: "yes"', 'b: "y"', 'c: web', 'd: "0123"', 'e: "1e3"', 'f: "2001-12-14"', 'g: "12:30"', ''].join('\n'),
  );
});

test('numbers print as encoding/json and go-yaml v2 print them', () => {
  assert.equal(formatNumber(1), '1');
  assert.equal(formatNumber(1.5), '1.5');
  assert.equal(formatNumber(1e-7), '1e-07');
  assert.equal(formatNumber(1e21), '1e+21');
  assert.equal(formatNumber(1e20), '1e+20');
  assert.equal(formatNumber(1e19), '10000000000000000000');
  assert.equal(formatNumber(-0), '0');
  assert.throws(() => formatNumber(NaN), UnsupportedValueError);
});

test('multi-line strings use literal block scalars with the right chomping', () => {
  assert.equal(marshalYaml({ a: 'x\ny' }), 'a: |-\n  x\n  y\n');
  assert.equal(marshalYaml({ a: 'x\ny\n' }), 'a: |\n  x\n  y\n');
  assert.equal(marshalYaml({ a: 'x\n\n' }), 'a: |+\n  x\n\n');
  assert.equal(marshalYaml({ a: ' x\ny' }), 'a: |2-\n   x\n  y\n');
});

test('sequences are not indented under their key; empty collections are flow', () => {
  assert.equal(
    marshalYaml({ l: [1, [2, 3], { k: 'v', w: [] }], m: {} }),
    'l:\n- 1\n- - 2\n  - 3\n- k: v\n  w: []\nm: {}\n',
  );
});

test('the JSON round trip folds NEL and refuses raw control characters', () => {
  assert.equal(jsonRoundTrip('a\u0085b'), 'a b');
  assert.equal(jsonRoundTrip('a\u0085\u0085b'), 'a\nb');
  assert.throws(() => marshalYaml({ a: 'del\u007f' }), /control characters are not allowed/);
});

test('documents are joined with ---', () => {
  assert.equal(marshalYamlStream([{ a: 1 }, { b: 2 }]), 'a: 1\n---\nb: 2\n');
});

test('printing what was parsed is stable (a second pass changes nothing)', () => {
  for (const c of cases.slice(0, 60)) {
    const once = marshalYaml(c.value);
    assert.equal(marshalYaml(parseYaml(once)), once);
  }
});
