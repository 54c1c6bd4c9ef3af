/**
 * Hooks a work queue calls as it works, so the server can export client-go's `workqueue_*`
 * Prometheus metrics without the queue knowing about Prometheus. Every hook is optional.
 * Times are in seconds, as Prometheus histograms expect.
 */
export interface QueueMetrics {
  /** An item entered the queue (deduplicated adds are not counted): `workqueue_adds_total`. */
  add?(): void;
  /** Items waiting to be processed: `workqueue_depth`. */
  depth?(items: number): void;
  /** A failed item was requeued with backoff: `workqueue_retries_total`. */
  retry?(): void;
  /** How long an item waited between being added and handed to a worker: `workqueue_queue_duration_seconds`. */
  queueLatency?(seconds: number): void;
  /** How long a worker held an item: `workqueue_work_duration_seconds`. */
  workDuration?(seconds: number): void;
}

/** A snapshot for gauges read at scrape time. */
export interface QueueStats {
  /** Items waiting to be handed to a worker (including those whose previous run is still going). */
  depth: number;
  /** Items a worker holds right now. */
  processing: number;
  /** Items scheduled for later (`addAfter`, backoff, periodic requeues). */
  waiting: number;
  /** Summed age of the work in progress: `workqueue_unfinished_work_seconds`. */
  unfinishedWorkSeconds: number;
  /** Age of the oldest work in progress: `workqueue_longest_running_processor_seconds`. */
  longestRunningProcessorSeconds: number;
}
