import { parseConstraints, satisfies, type CheckOptions } from './constraints.ts';
import { compareVersions, tryParseVersion, type Version } from './version.ts';

/** A candidate tag: its name and, to break ties between equal versions, when it was made. */
export interface TagCandidate {
  name: string;
  /** Unix seconds of the tagged commit; newer wins among equal versions (Flux's tiebreak). */
  time?: number;
}

export interface SelectOptions extends CheckOptions {
  /**
   * `flux`: a tag must have three dot-separated parts (`fluxcd/pkg/version.ParseVersion`), and equal
   * versions are ordered by commit time. `argo`: any version `NewVersion` accepts; the first of equal
   * versions in the listing wins (`util/versions.MaxVersion`).
   */
  flavor: 'flux' | 'argo';
}

/** The highest tag satisfying `constraint`, or undefined. Throws on a malformed constraint. */
export function selectTag(
  tags: readonly TagCandidate[],
  constraint: string,
  options: SelectOptions,
): { tag: TagCandidate; version: Version } | undefined {
  const c = parseConstraints(constraint);
  let best: { tag: TagCandidate; version: Version } | undefined;
  for (const tag of tags) {
    if (options.flavor === 'flux' && tag.name.split('.').length < 3) continue;
    const version = tryParseVersion(tag.name);
    if (!version || !satisfies(version, c, options)) continue;
    if (!best) {
      best = { tag, version };
      continue;
    }
    const d = compareVersions(version, best.version);
    const newer = options.flavor === 'flux' && d === 0 && (tag.time ?? 0) >= (best.tag.time ?? 0);
    if (d > 0 || newer) best = { tag, version };
  }
  return best;
}
