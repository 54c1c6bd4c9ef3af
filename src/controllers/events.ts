import { hostname } from 'node:os';
import {
  errorCode,
  errorMessage,
  formatRef,
  redactUrls,
  redactValues,
  silentLogger,
  type KubeObject,
  type Logger,
} from '../core/index.ts';
import type { KubeWriter } from '../kube/index.ts';
import { realClock, type Clock } from './clock.ts';
import {
  EventCorrelator,
  defaultEventCorrelatorOptions,
  newEvent,
  type EventCorrelatorOptions,
  type EventType,
  type InvolvedObject,
  type KubeEvent,
} from './event-correlator.ts';

export interface EventOptions {
  /** Extra strings to mask in the message (a token the reconcile just read). */
  secrets?: Iterable<string>;
}

/**
 * Records Kubernetes Events about an object (`kubectl describe` / `kubectl events` show them).
 * Recording never throws and never waits: a reconcile must not fail because an Event could not
 * be written.
 */
export interface EventRecorder {
  event(
    object: KubeObject | InvolvedObject,
    type: EventType,
    reason: string,
    message: string,
    options?: EventOptions,
  ): void;
}

/** An `EventRecorder` that drops everything, for callers with no cluster to write to. */
export const discardEvents: EventRecorder = { event: () => {} };

export interface EventRecorderOptions extends EventCorrelatorOptions {
  /** `source.component`, shown as "From" by kubectl: `kustomize-controller`, `argocd-application-controller`. */
  component: string;
  /** `source.host`: the replica's name. */
  host: string;
  /** Strings never to appear in a message (in addition to credentials in URLs, always masked). */
  secrets: Iterable<string>;
  /** Each write gives up after this long. */
  writeTimeoutMs: number;
  /** When it fires, pending writes are dropped. */
  signal: AbortSignal | undefined;
  clock: Clock;
  logger: Logger;
}

export const defaultEventRecorderOptions: Omit<EventRecorderOptions, 'component'> = {
  ...defaultEventCorrelatorOptions,
  host: hostname(),
  secrets: [],
  writeTimeoutMs: 10_000,
  signal: undefined,
  clock: realClock,
  logger: silentLogger,
};

/**
 * Writes core/v1 Events through a `KubeWriter`, with client-go's correlation (repeats counted on
 * one Event, similar messages combined, spam limited). Writes happen one at a time in the
 * background, in order; `flush` waits for them.
 */
export class KubeEventRecorder implements EventRecorder {
  readonly #writer: KubeWriter;
  readonly #o: EventRecorderOptions;
  readonly #correlator: EventCorrelator;
  #tail: Promise<void> = Promise.resolve();
  #seq = 0;

  constructor(
    writer: KubeWriter,
    options: Partial<EventRecorderOptions> & Pick<EventRecorderOptions, 'component'>,
  ) {
    this.#writer = writer;
    this.#o = { ...defaultEventRecorderOptions, ...options };
    this.#correlator = new EventCorrelator(this.#o.clock, this.#o);
  }

  event(
    object: KubeObject | InvolvedObject,
    type: EventType,
    reason: string,
    message: string,
    options: EventOptions = {},
  ): void {
    if (this.#o.signal?.aborted) return;
    const safe = redactValues(redactUrls(message), [...this.#o.secrets, ...(options.secrets ?? [])]);
    const fresh = newEvent(
      involvedObjectOf(object),
      type,
      reason,
      safe,
      { component: this.#o.component, host: this.#o.host },
      this.#o.clock.now(),
      this.#seq++,
    );
    // Correlate when the write runs, not now: the previous write's result (its name and
    // resourceVersion) must be known to count a repeat onto it.
    this.#tail = this.#tail.then(() => this.#write(fresh));
  }

  /** Resolves once every event recorded so far was written (or given up), or when `signal` fires. */
  async flush(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    if (!signal) return this.#tail;
    await Promise.race([
      this.#tail,
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    ]);
  }

  async #write(fresh: KubeEvent): Promise<void> {
    if (this.#o.signal?.aborted) return;
    const decision = this.#correlator.correlate(fresh);
    if (decision.action === 'skip') return;
    const ev = decision.event;
    const signal = this.#o.signal
      ? AbortSignal.any([this.#o.signal, AbortSignal.timeout(this.#o.writeTimeoutMs)])
      : AbortSignal.timeout(this.#o.writeTimeoutMs);
    try {
      let stored: KubeObject | undefined;
      if (decision.action === 'patch') {
        try {
          stored = await this.#writer.patch(
            { apiVersion: 'v1', kind: 'Event', namespace: ev.metadata.namespace, name: ev.metadata.name },
            {
              type: 'merge',
              body: { count: ev.count, lastTimestamp: ev.lastTimestamp, message: ev.message },
            },
            { signal },
          );
        } catch (err) {
          // The Event expired (the API server keeps them an hour): write it afresh.
          if (errorCode(err) !== 'NotFound') throw err;
        }
      }
      if (stored === undefined) {
        const { resourceVersion: _rv, ...metadata } = ev.metadata;
        stored = await this.#writer.create({ ...ev, metadata }, { signal });
      }
      this.#correlator.observe(stored as KubeEvent);
    } catch (err) {
      this.#o.logger.warn('could not write event', {
        object: formatRef(ev.involvedObject),
        reason: ev.reason,
        error: errorMessage(err),
      });
    }
  }
}

/** The `involvedObject` of an event about `obj`. */
export function involvedObjectOf(obj: KubeObject | InvolvedObject): InvolvedObject {
  if (!('metadata' in obj)) return obj;
  const ref: InvolvedObject = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '' };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata.uid) ref.uid = obj.metadata.uid;
  if (obj.metadata.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  return ref;
}
