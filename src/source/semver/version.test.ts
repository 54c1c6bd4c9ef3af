import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, formatVersion, parseVersion, tryParseVersion } from './version.ts';

// Cases learned from Masterminds/semver v3's version tests (the default, coercing `NewVersion`).

test('versions that parse, with their canonical form', () => {
  const cases: [string, string][] = [
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['1.0', '1.0.0'],
    ['v1', '1.0.0'],
    ['1.2-5', '1.2.0-5'],
    ['v1.2-beta.5', '1.2.0-beta.5'],
    ['1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata'],
    ['v1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen'],
    ['1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen'],
    ['1.2.3+test.01', '1.2.3+test.01'],
    ['1.2.3-alpha.-1', '1.2.3-alpha.-1'],
    ['1.2.3-0abc123', '1.2.3-0abc123'],
    ['1.2.2147483648', '1.2.2147483648'],
    ['2147483648.3.0', '2147483648.3.0'],
    ['20221209-update-renovatejson-v4', '20221209.0.0-update-renovatejson-v4'],
    // Leading zeros are coerced (calver-style tags such as v2025.02.03).
    ['01.1.1', '1.1.1'],
    ['1.1.01', '1.1.1'],
    ['18446744073709551615.0.0', '18446744073709551615.0.0'],
  ];
  for (const [text, canonical] of cases) {
    const v = tryParseVersion(text);
    assert.ok(v, text);
    assert.equal(formatVersion(v), canonical);
    assert.equal(v.original, text);
  }
});

test('versions that do not parse, with the reason', () => {
  const cases: [string, string][] = [
    ['1.2.3-alpha.01', 'version segment starts with 0'],
    ['1.2.3-beta.01', 'version segment starts with 0'],
    ['1.2.beta', 'invalid semantic version'],
    ['foo', 'invalid semantic version'],
    ['\n1.2', 'invalid semantic version'],
    ['V1.2.3', 'invalid semantic version'],
    ['1.2.3.4', 'invalid semantic version'],
    ['12.3.4.1234', 'invalid semantic version'],
    ['1.1.2+.123', 'invalid semantic version'],
    ['1.0.0-alpha_beta', 'invalid semantic version'],
    ['1.0.0-alpha..', 'invalid semantic version'],
    ['1.0.0-alpha..1', 'invalid semantic version'],
    ['9.8.7+meta+meta', 'invalid semantic version'],
    ['1.2.31----RC-SNAPSHOT.12.09.1--.12+788', 'version segment starts with 0'],
    ['18446744073709551616.0.0', 'invalid semantic version'],
    ['', 'invalid semantic version'],
  ];
  for (const [text, reason] of cases) assert.equal(parseVersion(text), reason, JSON.stringify(text));
});

test('versions compare by precedence, ignoring build metadata', () => {
  const cases: [string, string, number][] = [
    ['1.2.3', '1.5.1', -1],
    ['2.2.3', '1.5.1', 1],
    ['2.2.3', '2.2.2', 1],
    ['3.2-beta', '3.2-beta', 0],
    ['1.3', '1.1.4', 1],
    ['4.2', '4.2-beta', 1],
    ['4.2-beta', '4.2', -1],
    ['4.2-alpha', '4.2-beta', -1],
    ['4.2-beta.2', '4.2-beta.1', 1],
    ['4.2-beta2', '4.2-beta1', 1],
    ['4.2-beta', '4.2-beta.2', -1],
    ['4.2-beta', '4.2-beta.foo', -1],
    ['4.2-beta.foo', '4.2-beta', 1],
    ['1.2+bar', '1.2+baz', 0],
    ['1.0.0-beta.4', '1.0.0-beta.-2', -1],
    ['1.0.0-beta.-2', '1.0.0-beta.-3', -1],
    ['1.0.0-beta.-3', '1.0.0-beta.5', 1],
    ['3.2.0-beta.1', '3.2.0-beta.5', -1],
    ['7.43.0-SNAPSHOT.99', '7.43.0-SNAPSHOT.103', -1],
    ['7.43.0-SNAPSHOT.FOO', '7.43.0-SNAPSHOT.103', 1],
    ['7.43.0-SNAPSHOT.99', '7.43.0-SNAPSHOT.BAR', -1],
    ['18446744073709551615.0.0', '18446744073709551614.0.0', 1],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(compareVersions(tryParseVersion(a)!, tryParseVersion(b)!), want, `${a} vs ${b}`);
    assert.equal(compareVersions(tryParseVersion(b)!, tryParseVersion(a)!), -want || 0, `${b} vs ${a}`);
  }
});
