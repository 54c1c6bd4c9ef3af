import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm, utimes, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitAuth } from '../auth/types.ts';
import { authFingerprint } from '../auth/types.ts';
import { ReferenceNotFoundError } from '../errors.ts';
import type { ResolvePlan } from '../reference.ts';
import type { GitUrl } from '../url.ts';
import { KeyedLock, SingleFlight } from './pool.ts';
import { parseLsRemote, type RemoteRefs } from './remote.ts';
import type { GitRunner } from './runner.ts';

export interface MirrorRequest {
  url: GitUrl;
  auth: GitAuth | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/**
 * One bare repository per normalized URL under `dir`, fetched incrementally. Concurrent requests
 * for one URL wait on a per-URL lock and re-check before fetching, so a burst of reconciles for
 * the same commit causes one fetch; concurrent `ls-remote`s with the same credentials share one
 * process.
 */
export class Mirrors {
  readonly #runner: GitRunner;
  readonly #dir: string;
  readonly #locks = new KeyedLock();
  readonly #listings = new SingleFlight<RemoteRefs>();

  constructor(runner: GitRunner, dir: string) {
    this.#runner = runner;
    this.#dir = dir;
  }

  /** The mirror directory of a URL: readable slug plus a hash of the normalized key. */
  pathOf(url: GitUrl): string {
    const hash = createHash('sha256').update(url.key).digest('hex').slice(0, 16);
    const slug = url.key
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(-60);
    return join(this.#dir, `${slug}-${hash}.git`);
  }

  /** The remote's refs right now: the cheap "has anything changed?" question. */
  listRemote(req: MirrorRequest): Promise<RemoteRefs> {
    const key = `${req.url.key}\0${authFingerprint(req.auth)}`;
    return this.#listings.run(
      key,
      async () => {
        const out = await this.#runner.remote(
          req.url,
          req.auth,
          'list references',
          ['ls-remote', '--symref', '--end-of-options', '{remote}'],
          {
            signal: undefined,
            timeoutMs: req.timeoutMs,
          },
        );
        return parseLsRemote(out.stdout.toString('utf8'));
      },
      req.signal,
    );
  }

  /**
   * Makes the commit `plan` names present in the mirror, fetching only when it is missing, and
   * returns it (full SHA). When the ref moved between listing and fetching, the fetched tip wins.
   */
  async ensureCommit(req: MirrorRequest, plan: ResolvePlan): Promise<{ commit: string; mirror: string }> {
    const mirror = await this.#ensureMirror(req);
    const present = async (): Promise<string | undefined> => {
      const rev = plan.commit ?? plan.abbreviated;
      if (!rev) return undefined;
      const out = await this.#runner.tryLocal(
        req.url.display,
        ['--git-dir', mirror, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
        {
          signal: req.signal,
        },
      );
      const sha = out.stdout.toString('utf8').trim();
      return out.exitCode === 0 && sha ? sha : undefined;
    };
    const found = await present();
    if (found) {
      void this.#touch(mirror);
      return { commit: found, mirror };
    }
    return this.#locks.run(mirror, async () => {
      // Another request may have fetched it while this one waited.
      const again = await present();
      if (again) return { commit: again, mirror };
      const depthArgs = plan.shallow ? ['--depth=1'] : [];
      if (plan.fetchRef) {
        const dst = plan.fetchRef === 'HEAD' ? 'refs/capstan/HEAD' : plan.fetchRef;
        await this.#fetch(req, mirror, [...depthArgs], [`+${plan.fetchRef}:${dst}`]);
        if (plan.commit === undefined && plan.abbreviated === undefined) {
          const tip = await this.#runner.local(
            req.url.display,
            ['--git-dir', mirror, 'rev-parse', '--verify', `${dst}^{commit}`],
            {
              signal: req.signal,
            },
          );
          return { commit: tip.stdout.toString('utf8').trim(), mirror };
        }
        const got = await present();
        if (got) return { commit: got, mirror };
        if (plan.commit && !plan.abbreviated && plan.shallow) {
          // The ref moved after it was listed: take the tip that was fetched.
          const tip = await this.#runner.local(
            req.url.display,
            ['--git-dir', mirror, 'rev-parse', '--verify', `${dst}^{commit}`],
            {
              signal: req.signal,
            },
          );
          return { commit: tip.stdout.toString('utf8').trim(), mirror };
        }
      }
      if (plan.commit) {
        // Most servers (protocol v2) serve any reachable commit by its SHA.
        const byId = await this.#fetch(req, mirror, ['--depth=1'], [plan.commit], true);
        if (byId) {
          const got = await present();
          if (got) return { commit: got, mirror };
        }
      }
      // Last resort: the whole history of every branch and tag.
      const unshallow = (await this.#isShallow(mirror)) ? ['--unshallow'] : [];
      await this.#fetch(req, mirror, unshallow, ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']);
      const last = await present();
      if (last) return { commit: last, mirror };
      throw new ReferenceNotFoundError(`${req.url.display}: ${plan.description} not found in repository`);
    });
  }

  /**
   * Deepens the mirror so that `depth` commits of history below `commit` are present (for history
   * views); a mirror with full history is left alone.
   */
  async deepen(req: MirrorRequest, plan: ResolvePlan, commit: string, depth: number): Promise<void> {
    const mirror = this.pathOf(req.url);
    if (!(await this.#isShallow(mirror))) return;
    await this.#locks.run(mirror, async () => {
      const refspec = plan.fetchRef
        ? [`+${plan.fetchRef}:${plan.fetchRef === 'HEAD' ? 'refs/capstan/HEAD' : plan.fetchRef}`]
        : [commit];
      await this.#fetch(req, mirror, [`--depth=${depth}`], refspec);
    });
  }

  async #fetch(
    req: MirrorRequest,
    mirror: string,
    options: string[],
    refspecs: string[],
    allowFailure = false,
  ): Promise<boolean> {
    const out = await this.#runner.remote(
      req.url,
      req.auth,
      'fetch',
      [
        '--git-dir',
        mirror,
        'fetch',
        '--no-tags',
        '--no-write-fetch-head',
        '--no-auto-gc',
        '--no-recurse-submodules',
        '--quiet',
        ...options,
        '--end-of-options',
        '{remote}',
        ...refspecs,
      ],
      { signal: req.signal, timeoutMs: req.timeoutMs, allowFailure },
    );
    return out.exitCode === 0;
  }

  async #ensureMirror(req: MirrorRequest): Promise<string> {
    const mirror = this.pathOf(req.url);
    if (await exists(join(mirror, 'HEAD'))) return mirror;
    return this.#locks.run(mirror, async () => {
      if (await exists(join(mirror, 'HEAD'))) return mirror;
      await mkdir(this.#dir, { recursive: true });
      // Created aside and renamed into place, so a crash never leaves a half-made mirror.
      const tmp = await mkdtemp(join(this.#dir, '.new-'));
      await this.#runner.local(req.url.display, ['init', '--quiet', '--bare', tmp], { signal: req.signal });
      try {
        await rename(tmp, mirror);
      } catch {
        await rm(tmp, { recursive: true, force: true });
      }
      return mirror;
    });
  }

  async #isShallow(mirror: string): Promise<boolean> {
    return exists(join(mirror, 'shallow'));
  }

  /** Marks a mirror as used, for garbage collection of mirrors nobody asks for any more. */
  async #touch(mirror: string): Promise<void> {
    const now = new Date();
    await utimes(mirror, now, now).catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
