import { compareVersions, comparePrerelease, parseVersion, type Version } from './version.ts';

/**
 * Version constraints with the grammar and semantics of Masterminds/semver v3 (what Flux's
 * `ref.semver` and Argo CD's semver `targetRevision` use), which differs from npm's: a comma or
 * whitespace is AND, `||` is OR, `!=` exists, `1.2 - 1.4.5` is a range, `x`/`X`/`*` are wildcards,
 * and a pre-release version only satisfies an AND group in which some comparator has a pre-release.
 */
export interface Constraints {
  /** The text as given. */
  readonly source: string;
  /** OR of AND groups. */
  readonly groups: readonly (readonly Comparator[])[];
}

export type Operator = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

export interface Comparator {
  readonly op: Operator;
  /** The version text as written (`1.2.x`). */
  readonly text: string;
  /** The version with wildcards and missing parts set to 0. */
  readonly version: Version;
  /** The minor part was a wildcard or missing (`1`, `1.x`). */
  readonly minorDirty: boolean;
  /** The patch part was a wildcard or missing (`1.2`, `1.2.x`). */
  readonly patchDirty: boolean;
  /** Any part was a wildcard or missing. */
  readonly dirty: boolean;
}

export interface CheckOptions {
  /** Let pre-releases satisfy every group, as Masterminds' `IncludePrerelease` does. */
  includePrerelease?: boolean;
}

// The expressions mirror Masterminds' so that exactly the same strings are accepted; Go's `\s` is
// ASCII whitespace, hence the explicit class. The `|` inside the part classes is Masterminds' own
// quirk, kept so that validation agrees.
const S = '[\\t\\n\\f\\r ]';
const CV =
  'v?([0-9|xX*]+)(\\.[0-9|xX*]+)?(\\.[0-9|xX*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const CV_PLAIN = CV.replace(/\((?!\?)/g, '(?:');
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const ONE = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV_PLAIN})${S}+-${S}+(${CV_PLAIN})${S}*`, 'g');
const FIND = new RegExp(`(?:${OPS})${S}*(?:${CV_PLAIN})`, 'g');
const VALID = new RegExp(
  `^(?:${S}*(?:${OPS})${S}*(?:${CV_PLAIN})${S}*)(?:(?:${S}+|,${S}*)(?:${OPS})${S}*(?:${CV_PLAIN})${S}*)*$`,
);

export class ConstraintSyntaxError extends Error {}

/** Parses a constraint string; throws `ConstraintSyntaxError` naming the bad segment. */
export function parseConstraints(text: string): Constraints {
  const rewritten = text.replace(RANGE, (_m, lo: string, hi: string) => `>= ${lo}, <= ${hi} `);
  const groups = rewritten.split('||').map((segment) => {
    if (!VALID.test(segment))
      throw new ConstraintSyntaxError(`improper constraint: ${JSON.stringify(segment)}`);
    const found = segment.match(FIND) ?? [segment];
    return found.map(parseComparator);
  });
  return { source: text, groups };
}

/** True when `text` parses as constraints. */
export function isConstraints(text: string): boolean {
  try {
    parseConstraints(text);
    return true;
  } catch {
    return false;
  }
}

function parseComparator(text: string): Comparator {
  if (text === '') {
    // An empty constraint is `*`.
    return { op: '', text: '', version: zero(), minorDirty: false, patchDirty: false, dirty: true };
  }
  const m = ONE.exec(text);
  if (!m) throw new ConstraintSyntaxError(`improper constraint: ${JSON.stringify(text)}`);
  const op = m[1] as Operator;
  const major = m[3] ?? '';
  const minor = (m[4] ?? '').replace(/^\./, '');
  const patch = (m[5] ?? '').replace(/^\./, '');
  const pre = m[6] ?? '';
  let ver = m[2]!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor) || minor === '') {
    ver = `${major}.0.0${pre}`;
    minorDirty = dirty = true;
  } else if (isX(patch) || patch === '') {
    ver = `${major}.${minor}.0${pre}`;
    patchDirty = dirty = true;
  }
  const version = parseVersion(ver);
  if (typeof version === 'string')
    throw new ConstraintSyntaxError(`improper constraint: ${JSON.stringify(text)}`);
  return { op, text: m[2]!, version, minorDirty, patchDirty, dirty };
}

function isX(s: string): boolean {
  return s === 'x' || s === 'X' || s === '*';
}

function zero(): Version {
  return { major: 0n, minor: 0n, patch: 0n, prerelease: '', metadata: '', original: '0.0.0' };
}

/** True when `v` satisfies any AND group. */
export function satisfies(v: Version, c: Constraints, options: CheckOptions = {}): boolean {
  return c.groups.some((group) => {
    const includePre = options.includePrerelease === true || group.some((x) => x.version.prerelease !== '');
    return group.every((x) => check(v, x, includePre) === undefined);
  });
}

/**
 * Why `v` fails the constraints, one reason per failing comparator (Masterminds' `Validate`); an
 * empty list means it satisfies them.
 */
export function explain(v: Version, c: Constraints, options: CheckOptions = {}): string[] {
  const reasons: string[] = [];
  let preReported = false;
  for (const group of c.groups) {
    const includePre = options.includePrerelease === true || group.some((x) => x.version.prerelease !== '');
    let ok = true;
    for (const x of group) {
      if (!includePre && v.prerelease !== '') {
        if (!preReported) reasons.push(preMessage(v));
        preReported = true;
        ok = false;
        continue;
      }
      const reason = check(v, x, includePre);
      if (reason !== undefined) {
        reasons.push(reason);
        ok = false;
      }
    }
    if (ok) return [];
  }
  return reasons;
}

/** The canonical text: comparators joined by spaces, groups by ` || `. */
export function formatConstraints(c: Constraints): string {
  return c.groups.map((g) => g.map((x) => x.op + x.text).join(' ')).join(' || ');
}

const q = JSON.stringify;
function show(v: Version): string {
  return q(formatVersionPlain(v));
}
function formatVersionPlain(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease) s += `-${v.prerelease}`;
  if (v.metadata) s += `+${v.metadata}`;
  return s;
}
function preMessage(v: Version): string {
  return `${show(v)} is a prerelease version and the constraint is only looking for release versions`;
}

/** undefined when `v` satisfies `c`, else the reason. */
function check(v: Version, c: Comparator, includePre: boolean): string | undefined {
  if (v.prerelease !== '' && !includePre) return preMessage(v);
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) return tilde(v, c);
      return compareVersions(v, c.version) === 0 ? undefined : `${show(v)} is not equal to ${q(c.text)}`;
    case '!=':
      return notEqual(v, c);
    case '>':
      return greaterThan(v, c);
    case '<':
      return compareVersions(v, c.version) < 0
        ? undefined
        : `${show(v)} is greater than or equal to ${q(c.text)}`;
    case '>=':
    case '=>':
      return compareVersions(v, c.version) >= 0 ? undefined : `${show(v)} is less than ${q(c.text)}`;
    case '<=':
    case '=<':
      return lessThanEqual(v, c);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

function notEqual(v: Version, c: Comparator): string | undefined {
  const equal = `${show(v)} is equal to ${q(c.text)}`;
  const con = c.version;
  if (c.dirty) {
    if (con.major !== v.major) return undefined;
    if (con.minor !== v.minor && !c.minorDirty) return undefined;
    if (c.minorDirty) return equal;
    if (con.patch !== v.patch && !c.patchDirty) return undefined;
    if (c.patchDirty) {
      if (v.prerelease !== '' || con.prerelease !== '') {
        return comparePrerelease(v.prerelease, con.prerelease) !== 0 ? undefined : equal;
      }
      return equal;
    }
  }
  return compareVersions(v, con) === 0 ? equal : undefined;
}

function greaterThan(v: Version, c: Comparator): string | undefined {
  const fail = `${show(v)} is less than or equal to ${q(c.text)}`;
  const con = c.version;
  if (!c.dirty) return compareVersions(v, con) === 1 ? undefined : fail;
  if (v.major > con.major) return undefined;
  if (v.major < con.major) return fail;
  // `>11` needs 12 or more; `>11.1` needs 11.2 or more.
  if (c.minorDirty) return fail;
  if (c.patchDirty) return v.minor > con.minor ? undefined : fail;
  return compareVersions(v, con) === 1 ? undefined : fail;
}

function lessThanEqual(v: Version, c: Comparator): string | undefined {
  const fail = `${show(v)} is greater than ${q(c.text)}`;
  const con = c.version;
  if (!c.dirty) return compareVersions(v, con) <= 0 ? undefined : fail;
  if (v.major > con.major) return fail;
  if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return fail;
  return undefined;
}

// ~1.2.3 is >=1.2.3 <1.3.0; ~1 is >=1 <2; ~0.0.0 (no wildcard) is anything.
function tilde(v: Version, c: Comparator): string | undefined {
  const con = c.version;
  if (compareVersions(v, con) < 0) return `${show(v)} is less than ${q(c.text)}`;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) {
    return undefined;
  }
  if (v.major !== con.major) return `${show(v)} does not have same major version as ${q(c.text)}`;
  if (v.minor !== con.minor && !c.minorDirty) {
    return `${show(v)} does not have same major and minor version as ${q(c.text)}`;
  }
  return undefined;
}

// ^1.2.3 is >=1.2.3 <2; ^0.2.3 is >=0.2.3 <0.3; ^0.0.3 is =0.0.3; ^0.0 is <0.1; ^0 is <1.
function caret(v: Version, c: Comparator): string | undefined {
  const con = c.version;
  if (compareVersions(v, con) < 0) return `${show(v)} is less than ${q(c.text)}`;
  if (con.major > 0n || c.minorDirty) {
    return v.major === con.major ? undefined : `${show(v)} does not have same major version as ${q(c.text)}`;
  }
  if (v.major > 0n) return `${show(v)} does not have same major version as ${q(c.text)}`;
  if (con.minor > 0n || c.patchDirty) {
    return v.minor === con.minor
      ? undefined
      : `${show(v)} does not have same minor version as ${q(c.text)}. Expected minor versions to match when constraint major version is 0`;
  }
  if (v.minor > 0n) return `${show(v)} does not have same minor version as ${q(c.text)}`;
  return v.patch === con.patch
    ? undefined
    : `${show(v)} does not equal ${q(c.text)}. Expect version and constraint to equal when major and minor versions are 0`;
}
