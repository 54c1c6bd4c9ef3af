import type { KubeObject } from '../../../core/index.ts';
import { startWatch } from '../../rest/watch.ts';
import { view } from '../../rest/view.ts';
import { partialObjectMetadata, toTable } from '../../table/convert.ts';
import { boolParam, intParam, type Call } from '../context.ts';
import { negotiate } from '../negotiate.ts';
import { includeObject, listParams } from './read.ts';

/** A watcher that falls this far behind is cut off; its client re-watches from its last version. */
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * A watch as newline-delimited `{type, object}` JSON over a chunked 200 response, flushed per
 * event. Once the 200 is sent nothing can turn into a 5xx: an expired resourceVersion is an
 * ERROR event (410 Expired) followed by a clean end, and any failure just ends the stream.
 */
export function handleWatch(call: Call): void {
  const { info, req, res } = call;
  const target = negotiate(req.headers.accept, { table: true, partial: true });
  const params = listParams(call);
  const q = call.query;
  const include = target.kind === 'table' ? includeObject(q) : 'Metadata';
  const tableVersion =
    target.kind === 'table' || target.kind === 'partial' ? `meta.k8s.io/${target.version}` : '';
  let headersSent = false;
  let firstTable = true;

  const open = () => {
    if (headersSent) return;
    headersSent = true;
    res.writeHead(200, {
      'Content-Type':
        target.kind === 'json' || target.kind === 'yaml' ? 'application/json' : target.contentType,
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
  };
  const write = (line: string) => {
    open();
    if (res.writableEnded || res.destroyed) return;
    res.write(line);
    if (res.writableLength > MAX_BUFFERED) watch.handle?.stop();
  };
  const encode = (object: KubeObject, json: string | undefined): string => {
    if (target.kind === 'table') {
      const table = toTable(
        info,
        [object],
        {
          includeObject: include,
          noHeaders: !firstTable,
          resourceVersion: object.metadata.resourceVersion ?? '',
        },
        tableVersion,
      );
      firstTable = false;
      return JSON.stringify(table);
    }
    if (target.kind === 'partial') return JSON.stringify(partialObjectMetadata(object, tableVersion));
    return json ?? JSON.stringify(object);
  };

  req.socket.setTimeout(0);
  const watch: { handle?: { stop(): void } } = {};
  watch.handle = startWatch(
    call.deps.state,
    info,
    {
      ...(params.namespace !== undefined ? { namespace: params.namespace } : {}),
      labelSelector: params.labelSelector,
      fieldSelector: params.fieldSelector,
      resourceVersion: params.resourceVersion,
      sendInitialEvents: boolParam(q, 'sendInitialEvents'),
      allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks'),
      timeoutSeconds: intParam(q, 'timeoutSeconds'),
    },
    {
      event(type, stored) {
        const viewed = view(info, stored);
        write(`{"type":"${type}","object":${encode(viewed.object, viewed.json)}}\n`);
      },
      bookmark(rv, initialEventsEnd) {
        const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
        if (initialEventsEnd) metadata['annotations'] = { 'k8s.io/initial-events-end': 'true' };
        const object =
          target.kind === 'table'
            ? { kind: 'Table', apiVersion: tableVersion, metadata, columnDefinitions: null, rows: [] }
            : { kind: info.kind, apiVersion: info.apiVersion, metadata };
        write(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
      },
      error(status) {
        write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
      },
      close() {
        open();
        if (!res.writableEnded) res.end();
      },
    },
  );
  open();
  res.on('close', () => watch.handle?.stop());
}
