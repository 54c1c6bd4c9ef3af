// How a GitRepository's spec.ref reads, in Flux's order of precedence (commit, name, semver,
// tag, branch; no ref at all means the default branch, which Flux calls master).
import type { GitRepository } from '../api/types.ts';

export function gitRefText(r: GitRepository['spec']['ref']): string {
  if (r?.commit) return `commit ${r.commit.slice(0, 7)}`;
  if (r?.name) return r.name;
  if (r?.semver) return `semver ${r.semver}`;
  if (r?.tag) return `tag ${r.tag}`;
  return `branch ${r?.branch ?? 'master'}`;
}
