import type { Logger } from '../core/index.ts';
import type { Request } from './request.ts';

/** How a reconcile ended when it did not throw. */
export interface Result {
  /**
   * Reconcile this object again after this many milliseconds, even if nothing changes: the
   * periodic reconcile (Flux's jittered `interval`, Argo CD's 120 s + jitter). Omitted or 0 means
   * "only when something changes". The item's failure backoff is reset either way.
   */
  requeueAfter?: number;
}

/** What a reconcile runs with. */
export interface ReconcileContext {
  /** Fires when the controller shuts down; stop early and throw (the item is not retried then). */
  signal: AbortSignal;
  /** A logger that already names the controller and the object. */
  log: Logger;
}

/**
 * Brings one object's world in line with its spec. The runtime calls it from N workers, never for
 * the same request twice at once.
 *
 * The requeue contract:
 * - **Resolves** `{}`: done. The item's backoff is reset; the next reconcile comes from a change
 *   (a watch event mapped by a trigger) or an explicit enqueue.
 * - **Resolves** `{requeueAfter: ms}`: done, and reconcile again in `ms` (periodic reconciles).
 *   Backoff is reset. An earlier enqueue (a watch event) still runs it sooner.
 * - **Throws** `TerminalError` (from core): retrying cannot help (invalid spec, policy violation).
 *   The error is logged and counted, the backoff is reset and the item is NOT requeued; the next
 *   change to the object reconciles it again.
 * - **Throws** anything else: a transient failure. The item is requeued with per-item exponential
 *   backoff (5 ms, 10 ms, 20 ms … capped, by default at 1000 s) combined with an overall token
 *   bucket. Write status and events before throwing: the error only reaches the log.
 *
 * An error wins over a `requeueAfter` (there is no way to return both). Reconciles are
 * level-based: the request names the object, never the event that caused it.
 */
export interface Reconciler {
  reconcile(request: Request, ctx: ReconcileContext): Promise<Result>;
}

/** Adapts a plain function to a `Reconciler`. */
export function reconcilerFunc(fn: (request: Request, ctx: ReconcileContext) => Promise<Result>): Reconciler {
  return { reconcile: fn };
}
