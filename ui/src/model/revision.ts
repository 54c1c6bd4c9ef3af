// Short forms of revisions for tight places; the full value goes in a title attribute.

const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

/** `5b1c0e3f…` → `5b1c0e3`; Flux's `main@sha1:5b1c…` → `main@5b1c0e3`; anything else unchanged. */
export function shortRevision(revision: string | undefined): string {
  if (!revision) return '';
  if (SHA.test(revision)) return revision.slice(0, 7);
  const flux = /^(.*?)@?sha(?:1|256):([0-9a-f]{7,})$/.exec(revision);
  if (flux) return flux[1] ? `${flux[1]}@${flux[2]?.slice(0, 7)}` : (flux[2]?.slice(0, 7) ?? revision);
  return revision;
}

/** The commit hash inside a revision string, if there is one (for revision metadata lookups). */
export function commitOf(revision: string | undefined): string | undefined {
  if (!revision) return undefined;
  if (SHA.test(revision)) return revision;
  return /sha1:([0-9a-f]{40})$/.exec(revision)?.[1];
}
