import type { KubeObject, Logger } from '../../../core/index.ts';
import type { ApiDeleteOptions, ClusterApi, ObjectKey, TypeRef } from '../../api/types.ts';
import { ApiError } from '../../errors.ts';
import type { Clock } from './clock.ts';
import { Informer } from './informer.ts';
import { defaultWorkQueueOptions, WorkQueue, type ReconcileResult } from './queue.ts';

/** The speed knobs of the simulation (see `ClusterOptions`). */
export interface SimulationOptions {
  /** Simulated Nodes (1–12). */
  nodes: number;
  /** How long a container takes from scheduling to running (image pull and start). */
  podStartDelayMs: number;
  /**
   * Scales the kubelet's and controllers' real durations (back-offs of 10 s doubling to 5 min,
   * termination grace, job pod run time, job retry back-off): 1 is real time, 0.1 ten times faster.
   */
  pace: number;
  clock: Clock;
}

/** Everything a controller needs: the API, shared caches, a clock, queues and an event recorder. */
export class ControllerContext {
  readonly api: ClusterApi;
  readonly sim: SimulationOptions;
  readonly log: Logger;
  readonly #informers = new Map<string, Informer>();
  readonly #queues: WorkQueue[] = [];
  readonly #stops: (() => void)[] = [];
  #stopped = false;

  constructor(api: ClusterApi, sim: SimulationOptions, log: Logger) {
    this.api = api;
    this.sim = sim;
    this.log = log;
  }

  get clock(): Clock {
    return this.sim.clock;
  }

  /** Now, in the simulation's clock. */
  now(): number {
    return this.sim.clock.now();
  }

  /** A real kubelet/controller duration scaled by `pace`. */
  paced(ms: number): number {
    return ms * this.sim.pace;
  }

  /** The shared informer of a type (one list+watch per type, whoever asks). */
  informer<T extends KubeObject = KubeObject>(type: TypeRef): Informer<T> {
    const key = `${type.apiVersion}/${type.kind}`;
    let inf = this.#informers.get(key);
    if (!inf) {
      inf = new Informer(this.api, type, this.log);
      this.#informers.set(key, inf);
      if (!this.#stopped) inf.start();
    }
    return inf as unknown as Informer<T>;
  }

  /** Resolves once every informer asked for so far has listed. */
  async synced(): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.synced));
  }

  /** A work queue for a controller; stopped with the context. */
  queue(name: string, reconcile: (key: string) => Promise<ReconcileResult>, concurrency = 8): WorkQueue {
    // Nothing is decided before the caches hold the stored state (so a restart never duplicates).
    const q = new WorkQueue(
      async (key) => {
        await this.synced();
        return reconcile(key);
      },
      {
        ...defaultWorkQueueOptions,
        concurrency,
        clock: this.sim.clock,
        onError: (key, err) => {
          // Conflicts and vanished objects are the normal weather of controllers: retry quietly.
          const quiet = err instanceof ApiError && [404, 409].includes(err.httpCode);
          if (quiet) this.log.debug(`${name}: reconcile failed`, { key, error: err });
          else this.log.warn(`${name}: reconcile failed`, { key, error: err });
        },
      },
    );
    this.#queues.push(q);
    return q;
  }

  onStop(fn: () => void): void {
    this.#stops.push(fn);
  }

  stop(): void {
    this.#stopped = true;
    for (const q of this.#queues) q.stop();
    for (const i of this.#informers.values()) i.stop();
    for (const s of this.#stops) s();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Records an Event (best effort: a failure is logged, never thrown). */
  event(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    instance = '',
  ): void {
    if (this.#stopped) return;
    this.api
      .recordEvent(involved, {
        type,
        reason,
        message,
        reportingController: component,
        reportingInstance: instance,
      })
      .catch((err: unknown) => this.log.debug('event not recorded', { reason, error: err }));
  }

  #seen(obj: KubeObject): void {
    this.#informers.get(`${obj.apiVersion}/${obj.kind}`)?.observe(obj);
  }

  async create<T extends KubeObject>(obj: T, fieldManager: string): Promise<T> {
    const out = await this.api.create<T>(obj, { fieldManager });
    this.#seen(out);
    return out;
  }

  async update<T extends KubeObject>(obj: T, fieldManager: string): Promise<T> {
    const out = await this.api.update<T>(obj, { fieldManager });
    this.#seen(out);
    return out;
  }

  async updateStatus<T extends KubeObject>(obj: T, fieldManager: string): Promise<T> {
    const out = await this.api.updateStatus<T>(obj, { fieldManager });
    this.#seen(out);
    return out;
  }

  async patch<T extends KubeObject>(
    type: TypeRef,
    key: ObjectKey,
    patch: unknown,
    fieldManager: string,
    subresource?: 'status',
  ): Promise<T> {
    const out = await this.api.patch<T>(type, key, patch, {
      type: 'merge',
      fieldManager,
      ...(subresource ? { subresource } : {}),
    });
    this.#seen(out);
    return out;
  }

  /** Deletes; a 404 counts as done. Returns the object (gone, or still there while finalizers hold it). */
  async remove(
    type: TypeRef,
    key: ObjectKey,
    options: ApiDeleteOptions = {},
  ): Promise<KubeObject | undefined> {
    try {
      const out = await this.api.delete(type, key, options);
      const inf = this.#informers.get(`${type.apiVersion}/${type.kind}`);
      if (stillThere(out)) inf?.observe(out);
      else inf?.observeDeleted(out);
      return out;
    } catch (err) {
      if (err instanceof ApiError && err.httpCode === 404) return undefined;
      throw err;
    }
  }
}

/** A delete answered with an object that finalizers keep. */
function stillThere(o: KubeObject): boolean {
  return (o.metadata.finalizers ?? []).length > 0;
}
