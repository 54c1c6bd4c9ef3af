/**
 * What `git ls-remote --symref` says a repository holds: every ref with the commit it points to
 * (annotated tags peeled), in the server's order, and where HEAD points.
 */
export interface RemoteRefs {
  /** Full ref name → commit (peeled for annotated tags). */
  refs: Map<string, string>;
  /** Full ref name → the object the ref itself names (the tag object for annotated tags). */
  objects: Map<string, string>;
  /** The symbolic target of HEAD (`refs/heads/main`) and its commit, when the server says. */
  head: { target: string | undefined; commit: string } | undefined;
}

/** Parses `git ls-remote --symref` output. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs = new Map<string, string>();
  const objects = new Map<string, string>();
  let headTarget: string | undefined;
  let headCommit: string | undefined;
  for (const line of output.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const left = line.slice(0, tab);
    const name = line.slice(tab + 1);
    if (left.startsWith('ref: ')) {
      if (name === 'HEAD') headTarget = left.slice(5);
      continue;
    }
    if (name === 'HEAD') {
      headCommit = left;
      continue;
    }
    if (name.endsWith('^{}')) {
      refs.set(name.slice(0, -3), left);
      continue;
    }
    objects.set(name, left);
    if (!refs.has(name)) refs.set(name, left);
  }
  return { refs, objects, head: headCommit ? { target: headTarget, commit: headCommit } : undefined };
}

/** `main` for `refs/heads/main`, `v1` for `refs/tags/v1`: the name users write (go-git's Short). */
export function shortRefName(ref: string): string {
  for (const prefix of ['refs/heads/', 'refs/tags/', 'refs/remotes/', 'refs/']) {
    if (ref.startsWith(prefix)) return ref.slice(prefix.length);
  }
  return ref;
}

/** Tag names (short) in server order. */
export function tagNames(remote: RemoteRefs): string[] {
  const out: string[] = [];
  for (const name of remote.refs.keys()) if (name.startsWith('refs/tags/')) out.push(name.slice(10));
  return out;
}
