/**
 * Runs jq (jq 1.7.1 compiled to WebAssembly, the `jq-web` package) off the main thread, so that a
 * runaway expression (`def f: f; f`) can be stopped by terminating this worker. Protocol: the
 * worker posts `{ ready: true }` once jq is loaded, then answers each `JqRequest` with a `JqReply`.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

export interface JqRequest {
  id: number;
  doc: unknown;
  exprs: string[];
}

export type JqOutcome = { paths: (string | number)[][] } | { error: string };

export interface JqReply {
  id: number;
  results: JqOutcome[];
}

interface JqWeb {
  json(input: unknown, filter: string): unknown;
}

// jq-web is CommonJS and exports a promise of the loaded module.
const jq = await (createRequire(import.meta.url)('jq-web') as Promise<JqWeb>);

function run(doc: unknown, expr: string): JqOutcome {
  try {
    const out = jq.json(doc, `[path(${expr})]`);
    return { paths: Array.isArray(out) ? (out as (string | number)[][]) : [] };
  } catch (err) {
    // jq-web prefixes "Non-zero exit code: N"; the jq message is what a user can act on.
    const lines = (err instanceof Error ? err.message : String(err))
      .split('\n')
      .filter((l) => l.trim() !== '');
    return { error: (lines.find((l) => l.startsWith('jq: error')) ?? lines.at(-1) ?? 'jq failed').trim() };
  }
}

parentPort?.on('message', (req: JqRequest) => {
  const reply: JqReply = { id: req.id, results: req.exprs.map((e) => run(req.doc, e)) };
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true });
