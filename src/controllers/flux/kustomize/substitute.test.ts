import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../core/index.ts';
import { envsubst, substituteObjects, variablesOf } from './substitute.ts';

const vars = { name: 'web', region: 'eu-west-1', empty: '', tag: 'v1.2.3' };

describe('envsubst (Flux post-build rules)', () => {
  it('replaces ${var} and applies defaults', () => {
    assert.equal(envsubst('app-${name}', vars, true), 'app-web');
    assert.equal(envsubst('${missing:=fallback}/${region:=x}', vars, true), 'fallback/eu-west-1');
    assert.equal(envsubst('${empty:=d}|${empty=d}|${empty:-d}|${empty-d}', vars, true), 'd||d|');
  });

  it('leaves $var alone and unescapes $${var}', () => {
    assert.equal(envsubst('$name $${name} cost: $5', vars, true), '$name ${name} cost: $5');
  });

  it('fails on a variable without default in strict mode, and empties it otherwise', () => {
    assert.throws(() => envsubst('${nope}', vars, true), /variable not set \(strict mode\): "nope"/);
    assert.equal(envsubst('[${nope}]', vars, false), '[]');
  });

  it('supports the bash string operations of fluxcd/pkg envsubst', () => {
    assert.equal(envsubst('${#name}', vars, true), '3');
    assert.equal(envsubst('${region:3}|${region:0:2}', vars, true), 'west-1|eu');
    assert.equal(envsubst('${name^}|${name^^}|${tag#v}|${region%-1}', vars, true), 'Web|WEB|1.2.3|eu-west');
    assert.equal(envsubst('${region/-/_}|${region//-/_}', vars, true), 'eu_west-1|eu_west_1');
  });

  it('strips newlines from values and refuses bad names', () => {
    assert.deepEqual(variablesOf([{ a: 'x\ny' }, { a: 'z', b: '1' }]), { a: 'z', b: '1' });
    assert.throws(() => variablesOf([{ 'bad-name': 'x' }]), /var name is invalid/);
  });

  it('substitutes objects except those opted out, and nothing without variables', () => {
    const cm = (name: string, annotations?: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ...(annotations ? { annotations } : {}) },
      data: { v: '${name}', n: '${count:=3}' },
    });
    const [a, b] = substituteObjects(
      [cm('a'), cm('b', { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' })],
      {
        vars,
        strategy: 'WithVariables',
        strict: true,
      },
    );
    // The text is re-read as YAML, so an unquoted number stays a number, as in Flux.
    assert.deepEqual(a?.['data'], { v: 'web', n: 3 });
    assert.deepEqual(b?.['data'], { v: '${name}', n: '${count:=3}' });
    const [c] = substituteObjects([cm('c')], { vars: {}, strategy: 'WithVariables', strict: true });
    assert.deepEqual(c?.['data'], { v: '${name}', n: '${count:=3}' });
  });
});
