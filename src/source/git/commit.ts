import type { GitRunner } from './runner.ts';

/** What history views and events show about a commit. */
export interface CommitMetadata {
  sha: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  /** The first line of the message. */
  subject: string;
  /** The whole message, trailing whitespace trimmed. */
  message: string;
  /** Parent SHAs (empty for a root commit or the edge of a shallow history). */
  parents: string[];
}

const FORMAT = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%P', '%B'].join('%x00');

/** Metadata of `revs` commits, newest first (`git log`), or of exactly one commit with `-n 1 --no-walk`. */
export async function readCommits(
  runner: GitRunner,
  subject: string,
  mirror: string,
  args: string[],
  signal?: AbortSignal,
): Promise<CommitMetadata[]> {
  const out = await runner.local(subject, ['--git-dir', mirror, 'log', '-z', `--format=${FORMAT}`, ...args], {
    signal,
  });
  const fields = out.stdout.toString('utf8').split('\0');
  const commits: CommitMetadata[] = [];
  // -z ends each record with NUL, so records are 9 fields each.
  for (let i = 0; i + 8 < fields.length; i += 9) {
    const [sha, an, ae, ad, cn, ce, cd, parents, body] = fields.slice(i, i + 9) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const message = body.replace(/\s+$/, '');
    commits.push({
      sha: sha.replace(/^\n/, ''),
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      subject: message.split('\n')[0] ?? '',
      message,
      parents: parents ? parents.split(' ') : [],
    });
  }
  return commits;
}
