// A load generator for the cluster benchmark, run in a worker thread so it has a core of its own
// while the server under test keeps the main thread: N keep-alive connections, each sending the
// next request as soon as the previous answer arrives, for a fixed time.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadSpec {
  url: string;
  token: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  /** For POST and PATCH: a JSON body where `{{n}}` becomes a unique number. */
  body?: string;
  /** Content-Type of the body; `application/json` by default. */
  contentType?: string;
  concurrency: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  failures: number;
  elapsedMs: number;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const url = new URL(spec.path, spec.url);
  let requests = 0;
  let failures = 0;
  let n = 0;
  const start = performance.now();
  const end = start + spec.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = spec.body?.replaceAll('{{n}}', String(n++));
      const req = request(url, {
        method: spec.method,
        agent,
        headers: {
          Authorization: `Bearer ${spec.token}`,
          ...(body
            ? {
                'Content-Type': spec.contentType ?? 'application/json',
                'Content-Length': String(Buffer.byteLength(body)),
              }
            : {}),
        },
      });
      req.on('response', (res) => {
        if ((res.statusCode ?? 500) >= 300) failures++;
        res.resume();
        res.on('end', () => {
          requests++;
          resolve();
        });
      });
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  agent.destroy();
  return { requests, failures, elapsedMs: performance.now() - start };
}

if (parentPort && workerData) {
  const port = parentPort;
  void run(workerData as LoadSpec).then((result) => port.postMessage(result));
}
