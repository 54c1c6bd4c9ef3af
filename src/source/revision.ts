/**
 * Revisions in the forms users see: Flux's `<name>@sha1:<commit>` (`main@sha1:…`,
 * `v1.2.3@sha1:…`, `refs/heads/main@sha1:…`) or `sha1:<commit>`, and Argo CD's bare SHA.
 */
export function fluxRevision(name: string | undefined, commit: string): string {
  return name ? `${name}@sha1:${commit}` : `sha1:${commit}`;
}

export interface ParsedRevision {
  /** The branch, tag or ref name, when the revision carries one. */
  name: string | undefined;
  commit: string;
}

/**
 * Reads a revision in any form Flux or Argo CD has written: `main@sha1:<c>`, `sha1:<c>`, the legacy
 * Flux `main/<c>` (what `TransformRevision` converts), and a bare SHA. Undefined if none fits.
 */
export function parseRevision(text: string): ParsedRevision | undefined {
  let m = /^(?:(.+)@)?sha1:([0-9a-f]{40})$/.exec(text);
  if (m) return { name: m[1], commit: m[2]! };
  m = /^(.+)\/([0-9a-f]{40})$/.exec(text);
  if (m) return { name: m[1], commit: m[2]! };
  if (/^[0-9a-f]{40}$/.test(text)) return { name: undefined, commit: text };
  return undefined;
}
