/**
 * Kubernetes' version priority: GA before beta before alpha, higher numbers first, then
 * versions that do not look like Kubernetes versions, alphabetically. Discovery lists a
 * group's versions in this order and the first is the preferred one.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    if (pa.rank !== pb.rank) return pa.rank - pb.rank;
    if (pa.major !== pb.major) return pb.major - pa.major;
    return pb.minor - pa.minor;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function parse(v: string): { rank: number; major: number; minor: number } | undefined {
  const m = /^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$/.exec(v);
  if (!m) return undefined;
  return {
    rank: m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2,
    major: Number(m[1]),
    minor: m[3] === undefined ? 0 : Number(m[3]),
  };
}
