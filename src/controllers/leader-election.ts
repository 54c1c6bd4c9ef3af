import {
  CapstanError,
  childController,
  errorMessage,
  silentLogger,
  type KubeObject,
  type Logger,
} from '../core/index.ts';
import type { KubeReader, KubeWriter } from '../kube/index.ts';
import { realClock, sleepOn, type Clock } from './clock.ts';
import type { EventRecorder } from './events.ts';
import {
  formatMicroTime,
  leaseApiVersion,
  leaseWith,
  recordOfLease,
  sameRecord,
  type LeaderElectionRecord,
} from './lease.ts';

export interface LeaderElectionOptions {
  /** The Lease: `capstan-controller` in the namespace Capstan runs in. */
  namespace: string;
  name: string;
  /** This replica's identity, unique among replicas (pod name plus a random suffix). */
  identity: string;
  /** How long a lease holds without renewal; others wait this long after the last renewal (client-go: 15 s). */
  leaseDurationMs: number;
  /** The leader gives up if it cannot renew for this long (10 s). */
  renewDeadlineMs: number;
  /** Time between attempts to acquire or renew (2 s). */
  retryPeriodMs: number;
  /** Hand the lease over at once on shutdown instead of letting it expire. */
  releaseOnCancel: boolean;
  /** Records "<identity> became leader" / "stopped leading" Events on the Lease, as client-go does. */
  recorder: EventRecorder | undefined;
  clock: Clock;
  logger: Logger;
  random: () => number;
}

export const defaultLeaderElectionOptions: Omit<LeaderElectionOptions, 'namespace' | 'name' | 'identity'> = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  releaseOnCancel: true,
  recorder: undefined,
  clock: realClock,
  logger: silentLogger,
  random: Math.random,
};

/** client-go's `JitterFactor`: acquisition retries wait retryPeriod · (1 + up to 1.2). */
const JITTER_FACTOR = 1.2;

export class InvalidLeaderElectionError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'INVALID_LEADER_ELECTION' });
  }
}

export interface LeaderCallbacks {
  /** Fires when `run` aborts or leadership is lost. */
  signal: AbortSignal;
  /**
   * The leader's work, e.g. `(signal) => controller.run(signal)`. Its signal fires when leadership
   * ends; the lease is released only after the promise settles. If it settles on its own (the
   * work crashed or finished), this replica steps down so that another can take over.
   */
  onStartedLeading(signal: AbortSignal): Promise<void>;
  /** Called once when `run` ends, whether or not this replica ever led. */
  onStoppedLeading?(): void;
  /** The observed leader changed (including to this replica). */
  onNewLeader?(identity: string): void;
}

/**
 * Leader election over a `coordination.k8s.io/v1` Lease, with client-go's algorithm: acquire by
 * creating the Lease or taking it over once the holder has not renewed for a lease duration
 * (measured on this replica's clock from when it last saw the record change, so clock skew does
 * not matter); renew every retry period; give up after the renew deadline; release on shutdown.
 * Writes are compare-and-swap on `resourceVersion`, so two candidates never both win.
 */
export class LeaderElector {
  readonly #client: KubeReader & KubeWriter;
  readonly #o: LeaderElectionOptions;
  /** The Lease as last read or written, for compare-and-swap updates. */
  #lease: KubeObject | undefined;
  #observed: LeaderElectionRecord | undefined;
  /** When (on our clock) the observed record last changed. */
  #observedAt = 0;
  #reportedLeader: string | undefined;

  constructor(
    client: KubeReader & KubeWriter,
    options: Partial<LeaderElectionOptions> & Pick<LeaderElectionOptions, 'namespace' | 'name' | 'identity'>,
  ) {
    this.#client = client;
    this.#o = { ...defaultLeaderElectionOptions, ...options };
    const { leaseDurationMs: lease, renewDeadlineMs: renew, retryPeriodMs: retry, identity } = this.#o;
    const lock = `Lease/${this.#o.namespace}/${this.#o.name}`;
    if (!(retry > 0 && renew > 0 && lease > 0))
      throw new InvalidLeaderElectionError(`${lock}: durations must be positive`);
    if (lease <= renew)
      throw new InvalidLeaderElectionError(`${lock}: lease duration must exceed the renew deadline`);
    if (renew <= JITTER_FACTOR * retry) {
      throw new InvalidLeaderElectionError(
        `${lock}: renew deadline must exceed ${JITTER_FACTOR} × the retry period`,
      );
    }
    if (identity === '') throw new InvalidLeaderElectionError(`${lock}: identity is empty`);
  }

  /** True while this replica holds the lease (as last observed). */
  isLeader(): boolean {
    return this.#observed?.holderIdentity === this.#o.identity;
  }

  /** The holder last observed, if any. */
  leader(): string | undefined {
    return this.#observed?.holderIdentity || undefined;
  }

  /**
   * Campaigns until `signal` fires; while leading runs `onStartedLeading`. Resolves when
   * `signal` fired or leadership was lost (a lost leader should exit and start over).
   */
  async run(callbacks: LeaderCallbacks): Promise<void> {
    const { signal } = callbacks;
    try {
      if (!(await this.#acquire(callbacks))) return;
      this.#event('became leader');
      const leading = childController(signal);
      const work = Promise.resolve()
        .then(() => callbacks.onStartedLeading(leading.signal))
        .catch((err: unknown) =>
          this.#o.logger.error('leader work failed', { lock: this.#lock(), error: errorMessage(err) }),
        )
        .finally(() => leading.abort());
      await this.#renewLoop(leading.signal, callbacks);
      leading.abort();
      await work;
      this.#event('stopped leading');
      if (this.#o.releaseOnCancel) await this.#release();
    } finally {
      callbacks.onStoppedLeading?.();
    }
  }

  async #acquire(callbacks: LeaderCallbacks): Promise<boolean> {
    const { signal } = callbacks;
    this.#o.logger.info('attempting to acquire leader lease', {
      lock: this.#lock(),
      identity: this.#o.identity,
    });
    while (!signal.aborted) {
      const ok = await this.#withDeadline(signal, (s) => this.#tryAcquireOrRenew(s));
      this.#reportTransition(callbacks);
      if (ok) {
        this.#o.logger.info('acquired leader lease', { lock: this.#lock(), identity: this.#o.identity });
        return true;
      }
      const wait = this.#o.retryPeriodMs * (1 + this.#o.random() * JITTER_FACTOR);
      if (!(await this.#sleep(wait, signal))) return false;
    }
    return false;
  }

  /** Renews every retry period; returns when `signal` fires or renewal failed for a renew deadline. */
  async #renewLoop(signal: AbortSignal, callbacks: LeaderCallbacks): Promise<void> {
    while (!signal.aborted) {
      const renewed = await this.#renew(signal);
      this.#reportTransition(callbacks);
      if (signal.aborted) return;
      if (!renewed) {
        this.#o.logger.warn('failed to renew leader lease, stepping down', { lock: this.#lock() });
        return;
      }
      if (!(await this.#sleep(this.#o.retryPeriodMs, signal))) return;
    }
  }

  /** One renewal: retried every retry period until it works or the renew deadline passes. */
  async #renew(signal: AbortSignal): Promise<boolean> {
    const deadline = this.#o.clock.now() + this.#o.renewDeadlineMs;
    for (;;) {
      if (await this.#withDeadline(signal, (s) => this.#tryAcquireOrRenew(s))) return true;
      const left = deadline - this.#o.clock.now();
      if (signal.aborted || left <= 0) return false;
      if (!(await this.#sleep(Math.min(this.#o.retryPeriodMs, left), signal))) return false;
    }
  }

  async #tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const now = this.#o.clock.now();
    const record: LeaderElectionRecord = {
      holderIdentity: this.#o.identity,
      leaseDurationSeconds: Math.floor(this.#o.leaseDurationMs / 1000),
      acquireTime: formatMicroTime(now),
      renewTime: formatMicroTime(now),
      leaseTransitions: 0,
    };
    // 1. Fast path: the leader renews against the Lease it last wrote.
    if (this.isLeader() && this.#leaseValid(now) && this.#observed && this.#lease) {
      const next = {
        ...record,
        acquireTime: this.#observed.acquireTime,
        leaseTransitions: this.#observed.leaseTransitions,
      };
      if (await this.#write('update', leaseWith(this.#ref(), next, this.#lease), signal)) return true;
    }
    // 2. Read the Lease; create it when there is none.
    let lease: KubeObject | undefined;
    try {
      lease = await this.#client.get(
        { apiVersion: leaseApiVersion, kind: 'Lease', ...this.#ref() },
        { signal },
      );
    } catch (err) {
      this.#o.logger.warn('cannot read leader lease', { lock: this.#lock(), error: errorMessage(err) });
      return false;
    }
    if (lease === undefined) return this.#write('create', leaseWith(this.#ref(), record), signal);
    // 3. Someone else holds an unexpired lease: wait.
    const old = recordOfLease(lease);
    this.#lease = lease;
    if (!sameRecord(this.#observed, old)) this.#observe(old);
    if (old.holderIdentity !== '' && this.#leaseValid(now) && !this.isLeader()) return false;
    // 4. Take it over (or renew on the slow path).
    const next = this.isLeader()
      ? { ...record, acquireTime: old.acquireTime, leaseTransitions: old.leaseTransitions }
      : { ...record, leaseTransitions: old.leaseTransitions + 1 };
    return this.#write('update', leaseWith(this.#ref(), next, lease), signal);
  }

  async #release(): Promise<void> {
    if (!this.isLeader() || !this.#lease || !this.#observed) return;
    const now = this.#o.clock.now();
    const released: LeaderElectionRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: formatMicroTime(now),
      renewTime: formatMicroTime(now),
      leaseTransitions: this.#observed.leaseTransitions,
    };
    // The run signal has fired: give the release its own deadline.
    const lease = leaseWith(this.#ref(), released, this.#lease);
    if (await this.#withDeadline(undefined, (s) => this.#write('update', lease, s))) {
      this.#o.logger.info('released leader lease', { lock: this.#lock() });
    }
  }

  /** Writes the Lease; on success it becomes the observed record. Conflicts and errors mean false. */
  async #write(verb: 'create' | 'update', lease: KubeObject, signal: AbortSignal): Promise<boolean> {
    try {
      const stored =
        verb === 'create'
          ? await this.#client.create(lease, { signal })
          : await this.#client.update(lease, { signal });
      this.#lease = stored;
      this.#observe(recordOfLease(stored));
      return true;
    } catch (err) {
      this.#o.logger.debug(`leader lease ${verb} failed`, { lock: this.#lock(), error: errorMessage(err) });
      return false;
    }
  }

  #observe(record: LeaderElectionRecord): void {
    this.#observed = record;
    this.#observedAt = this.#o.clock.now();
  }

  #leaseValid(now: number): boolean {
    return this.#observedAt + (this.#observed?.leaseDurationSeconds ?? 0) * 1000 > now;
  }

  #reportTransition(callbacks: LeaderCallbacks): void {
    const holder = this.#observed?.holderIdentity;
    if (holder === undefined || holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    if (holder !== '') callbacks.onNewLeader?.(holder);
  }

  #event(what: string): void {
    this.#o.recorder?.event(
      { apiVersion: leaseApiVersion, kind: 'Lease', ...this.#ref() },
      'Normal',
      'LeaderElection',
      `${this.#o.identity} ${what}`,
    );
  }

  /** Sleeps on the clock; false when `signal` fired first. */
  async #sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    try {
      await sleepOn(this.#o.clock, ms, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Runs `fn` with a signal that also fires after the renew deadline (on the injected clock). */
  async #withDeadline<T>(
    parent: AbortSignal | undefined,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const ac = new AbortController();
    const cancel = this.#o.clock.setTimer(
      () => ac.abort(new CapstanError(`${this.#lock()}: timed out`, { code: 'TIMEOUT' })),
      this.#o.renewDeadlineMs,
    );
    try {
      return await fn(parent ? AbortSignal.any([parent, ac.signal]) : ac.signal);
    } finally {
      cancel();
    }
  }

  #ref(): { namespace: string; name: string } {
    return { namespace: this.#o.namespace, name: this.#o.name };
  }

  #lock(): string {
    return `Lease/${this.#o.namespace}/${this.#o.name}`;
  }
}
