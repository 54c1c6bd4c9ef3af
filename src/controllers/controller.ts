import {
  CapstanError,
  errorMessage,
  formatRef,
  isTerminal,
  silentLogger,
  type Logger,
} from '../core/index.ts';
import { realClock, type Clock } from './clock.ts';
import type { QueueMetrics, QueueStats } from './queue-metrics.ts';
import { createRateLimiter, defaultRateLimiterOptions, type RateLimiterOptions } from './rate-limiter.ts';
import type { Reconciler } from './reconciler.ts';
import { requestKey, type Request } from './request.ts';
import type { Trigger, TriggerEvent } from './triggers.ts';
import { WorkQueue } from './work-queue.ts';

/** How one reconcile ended, as counted by `controller_runtime_reconcile_total{result}`. */
export type ReconcileOutcome = 'success' | 'requeue_after' | 'error' | 'terminal' | 'aborted';

/** Hooks for the controller's own metrics; the queue's are `queueMetrics`. */
export interface ControllerMetrics {
  /** One reconcile finished after `seconds`. */
  reconciled?(outcome: ReconcileOutcome, seconds: number, request: Request): void;
  /** Workers busy reconciling: `controller_runtime_active_workers`. */
  activeWorkers?(workers: number): void;
}

export interface ControllerOptions {
  /** Names the controller in logs and metrics: `kustomization`, `application`. */
  name: string;
  /** The reconciled kind, so logs print `Kustomization/ns/name`; omitted prints the key. */
  kind: string | undefined;
  /** Workers reconciling different objects at once (Flux's `--concurrent`, default 4 there). */
  maxConcurrentReconciles: number;
  /** Backoff of failed reconciles (`fluxRateLimiterOptions` for the Flux front end). */
  rateLimiter: RateLimiterOptions;
  /**
   * Shard ownership (see `ShardFilter`): requests this replica does not own are dropped when
   * enqueued and skipped when dequeued (ownership may move while an item waits).
   */
  owns: (request: Request) => boolean;
  clock: Clock;
  logger: Logger;
  metrics: ControllerMetrics;
  queueMetrics: QueueMetrics;
}

export const defaultControllerOptions: Omit<ControllerOptions, 'name'> = {
  kind: undefined,
  maxConcurrentReconciles: 1,
  rateLimiter: defaultRateLimiterOptions,
  owns: () => true,
  clock: realClock,
  logger: silentLogger,
  metrics: {},
  queueMetrics: {},
};

/**
 * Runs a `Reconciler` over a work queue with N workers and applies the requeue contract documented
 * on `Reconciler`. Requests arrive through `enqueue` and from watch events through `trigger`.
 */
export class Controller {
  readonly name: string;
  readonly #reconciler: Reconciler;
  readonly #o: ControllerOptions;
  readonly #queue: WorkQueue<Request>;
  #active = 0;
  #started = false;

  constructor(reconciler: Reconciler, options: Partial<ControllerOptions> & Pick<ControllerOptions, 'name'>) {
    this.#o = { ...defaultControllerOptions, ...options };
    this.name = this.#o.name;
    this.#reconciler = reconciler;
    this.#queue = new WorkQueue<Request>({
      key: requestKey,
      rateLimiter: createRateLimiter(this.#o.rateLimiter, this.#o.clock),
      clock: this.#o.clock,
      metrics: this.#o.queueMetrics,
    });
  }

  /** Reconcile `request` as soon as a worker is free (deduplicated). */
  enqueue(request: Request): void {
    if (this.#o.owns(request)) this.#queue.add(request);
  }

  /** Reconcile `request` after `ms`; an earlier scheduled time wins. */
  enqueueAfter(request: Request, ms: number): void {
    if (this.#o.owns(request)) this.#queue.addAfter(request, ms);
  }

  /** Enqueues what `trigger` maps `event` to, if its predicates pass. */
  trigger(event: TriggerEvent, trigger: Trigger): void {
    if (event.type === 'BOOKMARK') return;
    if (trigger.predicates?.some((p) => !p(event))) return;
    for (const request of trigger.map(event)) this.enqueue(request);
  }

  /** A listener for an event source (the cluster cache) that applies `trigger`. */
  handler(trigger: Trigger): (event: TriggerEvent) => void {
    return (event) => this.trigger(event, trigger);
  }

  /** The queue's gauges, for metrics scraped on demand. */
  stats(): QueueStats {
    return this.#queue.stats();
  }

  /**
   * Runs the workers until `signal` fires, then stops handing out work, lets the reconciles in
   * flight finish (they see the same signal) and resolves. A controller runs once.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#started) {
      throw new CapstanError(`controller ${this.name}: already started`, { code: 'CONTROLLER_STARTED' });
    }
    this.#started = true;
    const onAbort = (): void => this.#queue.shutDown();
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    this.#o.logger.info('controller started', {
      controller: this.name,
      workers: this.#o.maxConcurrentReconciles,
    });
    const workers = Array.from({ length: Math.max(1, this.#o.maxConcurrentReconciles) }, () =>
      this.#work(signal),
    );
    await Promise.all(workers);
    await this.#queue.drain();
    signal.removeEventListener('abort', onAbort);
    this.#o.logger.info('controller stopped', { controller: this.name });
  }

  async #work(signal: AbortSignal): Promise<void> {
    for (;;) {
      const request = await this.#queue.get();
      if (request === undefined) return;
      this.#o.metrics.activeWorkers?.(++this.#active);
      try {
        await this.#reconcileOne(request, signal);
      } finally {
        this.#o.metrics.activeWorkers?.(--this.#active);
        this.#queue.done(request);
      }
    }
  }

  async #reconcileOne(request: Request, signal: AbortSignal): Promise<void> {
    const queue = this.#queue;
    if (!this.#o.owns(request)) {
      queue.forget(request);
      return;
    }
    const object = this.#o.kind ? formatRef({ kind: this.#o.kind, ...request }) : requestKey(request);
    const log = this.#o.logger.child({ controller: this.name, object });
    const started = this.#o.clock.now();
    let outcome: ReconcileOutcome;
    try {
      const result = await this.#reconciler.reconcile(request, { signal, log });
      queue.forget(request);
      if (result.requeueAfter !== undefined && result.requeueAfter > 0) {
        queue.addAfter(request, result.requeueAfter);
        outcome = 'requeue_after';
      } else {
        outcome = 'success';
      }
    } catch (err) {
      if (signal.aborted) {
        outcome = 'aborted';
        log.debug('reconcile stopped by shutdown', { error: errorMessage(err) });
      } else if (isTerminal(err)) {
        outcome = 'terminal';
        queue.forget(request);
        log.error('reconcile failed, not retrying', { error: errorMessage(err) });
      } else {
        outcome = 'error';
        queue.addRateLimited(request);
        log.warn('reconcile failed, will retry', {
          error: errorMessage(err),
          retries: queue.retries(request),
        });
      }
    }
    this.#o.metrics.reconciled?.(outcome, (this.#o.clock.now() - started) / 1000, request);
  }
}
