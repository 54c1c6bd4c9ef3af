/**
 * `watch` as an async iterable over client-node's `Watch`. The iterable ends when the caller's
 * signal fires, the client closes, or the server ends the stream (client-node also ends a stream
 * that was silent for 30 s); callers resume from the last resourceVersion they saw. A watch the
 * server expired (HTTP 410, usually as an `ERROR` event) throws `ExpiredError` (code `Expired`):
 * list again and watch from the list's resourceVersion.
 */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import type { WatchEvent, WatchEventType, WatchOptions } from '../client.ts';
import { callSignal, kindSubject, resourceOf, type HttpContext } from './context.ts';
import { apiError, statusOf } from './errors.ts';
import { resourcePath } from './paths.ts';

const EVENT_TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

/** client-node ends quiet streams with a TimeoutError and our own aborts with an AbortError. */
function isQuietEnd(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

export async function* watchObjects(
  ctx: HttpContext,
  gvk: GroupVersionKind,
  options: WatchOptions,
): AsyncGenerator<WatchEvent> {
  const signal = callSignal(ctx, options.signal);
  const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const r = await resourceOf(ctx, apiVersion, gvk.kind, signal);
  const namespace = r.namespaced ? options.namespace || undefined : undefined;
  const subject = kindSubject(gvk, namespace);

  const queue: WatchEvent[] = [];
  let head = 0;
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const started = ctx.transport.newWatch().watch(
    resourcePath(r, namespace),
    {
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowWatchBookmarks,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    },
    (type: string, object: unknown) => {
      if (finished) return;
      if (type === 'ERROR') {
        const status = statusOf(
          typeof (object as { code?: unknown })?.code === 'number' ? (object as { code: number }).code : 500,
          object,
        );
        failure = apiError(subject, 'watch', status);
        finished = true;
        void started.then((c) => c.abort());
      } else if (EVENT_TYPES.has(type)) {
        const obj = object as KubeObject;
        obj.apiVersion ??= apiVersion;
        obj.kind ??= gvk.kind;
        queue.push({ type: type as WatchEventType, object: obj });
      }
      notify();
    },
    (err: unknown) => {
      if (!finished && err && !isQuietEnd(err) && !signal.aborted) {
        const code = (err as { statusCode?: unknown }).statusCode;
        failure =
          typeof code === 'number'
            ? apiError(subject, 'watch', statusOf(code, undefined, (err as Error).message))
            : apiError(
                subject,
                'watch',
                { code: 0, reason: 'ServiceUnavailable', message: (err as Error).message, causes: [] },
                err,
              );
      }
      finished = true;
      notify();
    },
  );
  const onAbort = () => {
    finished = true;
    notify();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      while (head < queue.length) {
        const event = queue[head]!;
        queue[head++] = undefined as unknown as WatchEvent;
        if (head > 1024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        yield event;
      }
      if (failure) throw failure;
      if (finished || signal.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    finished = true;
    (await started).abort();
  }
}
