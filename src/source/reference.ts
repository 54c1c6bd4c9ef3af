import { EmptyRepositoryError, InvalidReferenceError, ReferenceNotFoundError } from './errors.ts';
import { shortRefName, tagNames, type RemoteRefs } from './git/remote.ts';
import { isConstraints } from './semver/constraints.ts';
import { selectTag } from './semver/select.ts';
import { tryParseVersion } from './semver/version.ts';

/**
 * A reference as Flux's GitRepository `spec.ref` states it. Precedence: commit > name > semver >
 * tag > branch; with none set, branch `master` (source-controller's default).
 */
export interface FluxGitRef {
  api: 'flux';
  branch?: string | undefined;
  tag?: string | undefined;
  /** Masterminds constraint over tags: `>=1.0.0 <2.0.0`, `~1.2`, `1.2.x`. */
  semver?: string | undefined;
  /** A full ref: `refs/heads/main`, `refs/tags/v1`, `refs/pull/420/head`. */
  name?: string | undefined;
  /** A commit SHA; with `branch`, that branch is fetched to find it. */
  commit?: string | undefined;
}

/**
 * A reference as Argo CD's `source.targetRevision` states it: a branch, tag, full or (7+ hex)
 * abbreviated commit SHA, `HEAD` (also the meaning of empty), or a semver constraint over tags.
 */
export interface ArgoGitRef {
  api: 'argo';
  targetRevision?: string | undefined;
  /** Only tags with this prefix take part in semver selection (stripped before comparing). */
  tagPrefix?: string | undefined;
}

export type GitRef = FluxGitRef | ArgoGitRef;

/** How to obtain the commit a reference names, decided from the remote's ref listing alone. */
export interface ResolvePlan {
  /** The commit, when the listing (or the reference itself) names it. */
  commit: string | undefined;
  /** An abbreviated SHA that only the fetched history can expand. */
  abbreviated: string | undefined;
  /** The full ref to fetch (its tip is the commit), if any. */
  fetchRef: string | undefined;
  /** Whether a depth-1 fetch is enough. */
  shallow: boolean;
  /** Flux: the name before `@sha1:` (`main`, `v1.2.3`, `refs/heads/main`); undefined for `sha1:<c>`. */
  fluxName: string | undefined;
  api: 'flux' | 'argo';
  /** For messages: `branch "main"`. */
  description: string;
}

const FULL_SHA = /^[0-9a-fA-F]{40}$/;
const SHORT_SHA = /^[0-9a-fA-F]{7,40}$/;

/** The reference as a user would write it, for messages. */
export function describeRef(ref: GitRef): string {
  if (ref.api === 'argo') return `targetRevision "${ref.targetRevision || 'HEAD'}"`;
  if (ref.commit) return `commit "${ref.commit}"`;
  if (ref.name) return `ref name "${ref.name}"`;
  if (ref.semver) return `semver "${ref.semver}"`;
  if (ref.tag) return `tag "${ref.tag}"`;
  return `branch "${ref.branch || 'master'}"`;
}

/** Checks a reference before anything touches the network. */
export function validateRef(subject: string, ref: GitRef): void {
  const bad = (why: string): never => {
    throw new InvalidReferenceError(`${subject}: invalid ${describeRef(ref)}: ${why}`);
  };
  const names = ref.api === 'flux' ? [ref.branch, ref.tag, ref.name] : [ref.targetRevision];
  for (const n of names)
    if (
      n &&
      (/[\0-\x20~^:?*[\\\x7f]/.test(n.replace(/^refs\//, '')) || n.startsWith('-') || n.includes('..'))
    ) {
      if (!(ref.api === 'argo' && isConstraints(n))) bad('not a valid git ref name');
    }
  if (ref.api === 'flux') {
    if (ref.commit && !SHORT_SHA.test(ref.commit)) bad('a commit is 7 to 40 hexadecimal digits');
    if (!ref.commit && ref.name && !ref.name.startsWith('refs/')) bad('a ref name starts with "refs/"');
    if (!ref.commit && !ref.name && ref.semver && !isConstraints(ref.semver)) bad('not a semver constraint');
  }
}

/** Decides how to get the commit `ref` names, from the remote's listing (no fetching). */
export function planResolve(subject: string, remote: RemoteRefs, ref: GitRef): ResolvePlan {
  if (remote.refs.size === 0 && !remote.head) {
    throw new EmptyRepositoryError(`${subject}: repository is empty: it has no branches or tags`);
  }
  const description = describeRef(ref);
  const notFound = (what: string): never => {
    throw new ReferenceNotFoundError(`${subject}: ${what} not found in repository`);
  };
  const plan = (p: Partial<ResolvePlan>): ResolvePlan => ({
    commit: undefined,
    abbreviated: undefined,
    fetchRef: undefined,
    shallow: true,
    fluxName: undefined,
    api: ref.api,
    description,
    ...p,
  });
  if (ref.api === 'flux') {
    if (ref.commit) {
      const commit = FULL_SHA.test(ref.commit) ? ref.commit.toLowerCase() : undefined;
      const branch = ref.branch ? `refs/heads/${ref.branch}` : undefined;
      if (branch && !remote.refs.has(branch)) notFound(`branch "${ref.branch}"`);
      return plan({
        commit,
        abbreviated: commit ? undefined : ref.commit.toLowerCase(),
        fetchRef: branch,
        shallow: false,
        fluxName: ref.branch || undefined,
      });
    }
    if (ref.name) {
      const c = remote.refs.get(ref.name) ?? (ref.name === 'HEAD' ? remote.head?.commit : undefined);
      if (!c) return notFound(`ref "${ref.name}"`);
      return plan({ commit: c, fetchRef: ref.name, fluxName: ref.name });
    }
    if (ref.semver) {
      const tags = tagNames(remote).map((name) => ({ name }));
      const best = selectTag(tags, ref.semver, { flavor: 'flux' });
      if (!best) return notFound(`no tag matching semver "${ref.semver}"; a tag`);
      const full = `refs/tags/${best.tag.name}`;
      return plan({ commit: remote.refs.get(full), fetchRef: full, fluxName: best.tag.name });
    }
    if (ref.tag) {
      const full = `refs/tags/${ref.tag}`;
      const c = remote.refs.get(full);
      if (!c) return notFound(`tag "${ref.tag}"`);
      return plan({ commit: c, fetchRef: full, fluxName: ref.tag });
    }
    const branch = ref.branch || 'master';
    const full = `refs/heads/${branch}`;
    const c = remote.refs.get(full);
    if (!c) return notFound(`branch "${branch}"`);
    return plan({ commit: c, fetchRef: full, fluxName: branch });
  }
  return planArgo(subject, remote, ref, plan, notFound);
}

function planArgo(
  subject: string,
  remote: RemoteRefs,
  ref: ArgoGitRef,
  plan: (p: Partial<ResolvePlan>) => ResolvePlan,
  notFound: (what: string) => never,
): ResolvePlan {
  let revision = (ref.targetRevision ?? '').trim() || 'HEAD';
  if (FULL_SHA.test(revision)) return plan({ commit: revision.toLowerCase(), shallow: false });
  const prefix = ref.tagPrefix ?? '';
  // An exact version is a tag name, not a constraint (`v1.0` means the tag `v1.0`).
  if (!tryParseVersion(revision) && isConstraints(revision)) {
    const tags = tagNames(remote)
      .filter((t) => t.startsWith(prefix))
      .map((t) => ({ name: t.slice(prefix.length) }));
    const best = selectTag(tags, revision, { flavor: 'argo' });
    if (!best) return notFound(`no tag matching semver constraint "${revision}"; a tag`);
    revision = prefix + best.tag.name;
  } else if (prefix) {
    throw new InvalidReferenceError(
      `${subject}: tagPrefix "${prefix}" requires targetRevision to be a semver constraint, but "${revision}" is not`,
    );
  }
  if (revision === 'HEAD') {
    if (!remote.head) return notFound('HEAD');
    return plan({ commit: remote.head.commit, fetchRef: remote.head.target ?? 'HEAD' });
  }
  const short = !revision.startsWith('refs/');
  for (const [name, commit] of remote.refs) {
    if ((short && shortRefName(name) === revision) || name === revision)
      return plan({ commit, fetchRef: name });
  }
  if (SHORT_SHA.test(revision)) return plan({ abbreviated: revision.toLowerCase(), shallow: false });
  return notFound(`revision "${revision}"`);
}
