/**
 * Semantic versions parsed the way Masterminds/semver v3 `NewVersion` parses them (the library Flux
 * and Argo CD use for tag selection): an optional lowercase `v`, one to three numeric parts (missing
 * ones are 0, leading zeros tolerated), an optional pre-release and build metadata. Numbers are
 * bigints because Masterminds accepts any uint64.
 */
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Pre-release without the leading `-`; '' when absent. */
  readonly prerelease: string;
  /** Build metadata without the leading `+`; '' when absent. */
  readonly metadata: string;
  /** The text that was parsed, e.g. `v1.2` (tags are selected by this). */
  readonly original: string;
}

export type VersionParseError =
  | 'invalid semantic version'
  | 'version segment starts with 0'
  | 'invalid prerelease string'
  | 'invalid metadata string';

const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_UINT64 = 2n ** 64n - 1n;
const NUMERIC = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;

/** Parses `text` as Masterminds' `NewVersion` does, or returns the reason it is not a version. */
export function parseVersion(text: string): Version | VersionParseError {
  const m = LOOSE.exec(text);
  if (!m) return 'invalid semantic version';
  const parts = [m[1], m[2], m[3]].map((p) => (p ? BigInt(p.replace(/^\./, '')) : 0n));
  if (parts.some((p) => p > MAX_UINT64)) return 'invalid semantic version';
  const prerelease = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (prerelease) {
    const err = validatePrerelease(prerelease);
    if (err) return err;
  }
  if (metadata && metadata.split('.').some((p) => !ALLOWED.test(p))) return 'invalid metadata string';
  return { major: parts[0]!, minor: parts[1]!, patch: parts[2]!, prerelease, metadata, original: text };
}

/** A version or `undefined`: for callers that only filter (tags that are not versions are skipped). */
export function tryParseVersion(text: string): Version | undefined {
  const v = parseVersion(text);
  return typeof v === 'string' ? undefined : v;
}

function validatePrerelease(pre: string): VersionParseError | undefined {
  for (const part of pre.split('.')) {
    if (part === '') return 'invalid prerelease string';
    if (NUMERIC.test(part)) {
      if (part.length > 1 && part.startsWith('0')) return 'version segment starts with 0';
    } else if (!ALLOWED.test(part)) return 'invalid prerelease string';
  }
  return undefined;
}

/** `1.2.3-pre+meta`: the canonical form, without the `v` (Masterminds' `String()`). */
export function formatVersion(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease) s += `-${v.prerelease}`;
  if (v.metadata) s += `+${v.metadata}`;
  return s;
}

/** -1, 0 or 1. Build metadata is ignored; a pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): -1 | 0 | 1 {
  const d = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

/**
 * Dot-separated identifiers compared pairwise: numbers numerically and below words, words by bytes;
 * a missing identifier sorts first. As in Masterminds, `-2` is a word, not a negative number.
 */
export function comparePrerelease(a: string, b: string): -1 | 0 | 1 {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePart(s: string, o: string): -1 | 0 | 1 {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = NUMERIC.test(s);
  const on = NUMERIC.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function cmp(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
