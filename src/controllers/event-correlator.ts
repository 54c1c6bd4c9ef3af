import type { Clock } from './clock.ts';
import { formatTime } from './conditions.ts';
import { LruMap } from './lru.ts';
import { TokenBucket } from './token-bucket.ts';

/** A core/v1 Event as Capstan writes it. */
export interface KubeEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
  involvedObject: InvolvedObject;
  reason: string;
  message: string;
  type: EventType;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent: string;
  reportingInstance: string;
  [key: string]: unknown;
}

export type EventType = 'Normal' | 'Warning';

/** What an event is about (core/v1 `ObjectReference`). */
export interface InvolvedObject {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventCorrelatorOptions {
  /** Entries kept in each cache (client-go: 4096). */
  cacheSize: number;
  /** Events one source may emit about one object at once (client-go: 25)… */
  spamBurst: number;
  /** …then refilled at this rate (client-go: one per 5 minutes). */
  spamQps: number;
  /** Distinct messages for the same object and reason within the interval before they are combined (10). */
  aggregateMaxEvents: number;
  /** The window of that count (10 minutes). */
  aggregateIntervalMs: number;
}

export const defaultEventCorrelatorOptions: EventCorrelatorOptions = {
  cacheSize: 4096,
  spamBurst: 25,
  spamQps: 1 / 300,
  aggregateMaxEvents: 10,
  aggregateIntervalMs: 600_000,
};

/** What to write: a new Event, or a repeat of one already written (patch its count and time). */
export type Correlated =
  { action: 'create'; event: KubeEvent } | { action: 'patch'; event: KubeEvent } | { action: 'skip' };

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
  resourceVersion: string | undefined;
}

/**
 * client-go's `EventCorrelator`: repeats of the same event become one Event with a growing
 * `count` and a new `lastTimestamp`; ten different messages for the same object and reason within
 * ten minutes collapse into one "(combined from similar events)" Event; and a source may emit at
 * most a burst of 25 events about one object, then one per five minutes.
 */
export class EventCorrelator {
  readonly #o: EventCorrelatorOptions;
  readonly #clock: Clock;
  readonly #observed: LruMap<string, Observation>;
  readonly #aggregates: LruMap<string, { messages: Set<string>; last: number }>;
  readonly #spam: LruMap<string, TokenBucket>;

  constructor(clock: Clock, options: Partial<EventCorrelatorOptions> = {}) {
    this.#o = { ...defaultEventCorrelatorOptions, ...options };
    this.#clock = clock;
    this.#observed = new LruMap(this.#o.cacheSize);
    this.#aggregates = new LruMap(this.#o.cacheSize);
    this.#spam = new LruMap(this.#o.cacheSize);
  }

  /** Decides how to write `fresh` (a new Event with count 1). */
  correlate(fresh: KubeEvent): Correlated {
    const { event: candidate, key } = this.#aggregate(fresh);
    const last = this.#observed.get(key);
    let event = candidate;
    if (last) {
      event = {
        ...candidate,
        metadata: { ...candidate.metadata, name: last.name },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
      if (last.resourceVersion !== undefined) event.metadata.resourceVersion = last.resourceVersion;
    }
    this.#observed.set(key, {
      count: event.count,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata.name,
      resourceVersion: event.metadata.resourceVersion,
    });
    if (!this.#allow(event)) return { action: 'skip' };
    return { action: last ? 'patch' : 'create', event };
  }

  /** Records the Event as the server stored it (its name, resourceVersion and count). */
  observe(stored: KubeEvent): void {
    this.#observed.set(eventKey(stored), {
      count: stored.count,
      firstTimestamp: stored.firstTimestamp,
      name: stored.metadata.name,
      resourceVersion: stored.metadata.resourceVersion,
    });
  }

  #aggregate(event: KubeEvent): { event: KubeEvent; key: string } {
    const now = this.#clock.now();
    const o = event.involvedObject;
    const aggregateKey = [
      event.source.component,
      event.source.host ?? '',
      o.kind,
      o.namespace ?? '',
      o.name,
      o.uid ?? '',
      o.apiVersion ?? '',
      event.type,
      event.reason,
      event.reportingComponent,
      event.reportingInstance,
    ].join('\u0000');
    let record = this.#aggregates.get(aggregateKey);
    if (!record || now - record.last > this.#o.aggregateIntervalMs)
      record = { messages: new Set(), last: now };
    record.messages.add(event.message);
    record.last = now;
    this.#aggregates.set(aggregateKey, record);
    if (record.messages.size < this.#o.aggregateMaxEvents) return { event, key: eventKey(event) };
    const combined: KubeEvent = { ...event, message: `(combined from similar events): ${event.message}` };
    return { event: combined, key: aggregateKey };
  }

  #allow(event: KubeEvent): boolean {
    const o = event.involvedObject;
    const key = [
      event.source.component,
      event.source.host ?? '',
      o.kind,
      o.namespace ?? '',
      o.name,
      o.uid ?? '',
      o.apiVersion ?? '',
      event.type,
    ].join('\u0000');
    let bucket = this.#spam.get(key);
    if (!bucket) bucket = new TokenBucket(this.#o.spamQps, this.#o.spamBurst, this.#clock);
    this.#spam.set(key, bucket);
    return bucket.tryTake();
  }
}

/** client-go's `getEventKey`: same source, object, type, reason and message = the same event. */
function eventKey(event: KubeEvent): string {
  const o = event.involvedObject;
  return [
    event.source.component,
    event.source.host ?? '',
    o.kind,
    o.namespace ?? '',
    o.name,
    o.fieldPath ?? '',
    o.uid ?? '',
    o.apiVersion ?? '',
    event.type,
    event.reason,
    event.message,
  ].join('\u0000');
}

/** A fresh Event (count 1) about `object`, named as client-go names them. */
export function newEvent(
  object: InvolvedObject,
  type: EventType,
  reason: string,
  message: string,
  source: { component: string; host: string },
  nowMs: number,
  uniquifier: number,
): KubeEvent {
  const time = formatTime(new Date(nowMs));
  const ev: KubeEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName(object.name, nowMs, uniquifier), namespace: object.namespace || 'default' },
    involvedObject: object,
    reason,
    message,
    type,
    source: source.host
      ? { component: source.component, host: source.host }
      : { component: source.component },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    reportingComponent: source.component,
    reportingInstance: source.host || source.component,
  };
  return ev;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `<object name>.<unix nanoseconds in hex>`, or a UUID when that is not a valid name. */
function eventName(objectName: string, nowMs: number, uniquifier: number): string {
  const nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(uniquifier % 1_000_000);
  const name = `${objectName}.${nanos.toString(16)}`;
  return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? name : crypto.randomUUID();
}
