/**
 * CEL, the safe expression language of custom health checks (no loops, no I/O, bounded size).
 * One environment configured like Flux's and Kubernetes': optional types (`status.?x.orValue(y)`),
 * the strings extension, undeclared variables typed `dyn` so any object field can be read.
 *
 * JSON numbers that are whole become CEL `int`, as cel-go sees unstructured Kubernetes objects
 * (`status.replicas + 1` works, and compares with `1` or `1.0` alike).
 */
import { Environment } from '@marcbachmann/cel-js';
import { CapstanError } from '../../core/index.ts';

const env = new Environment({
  unlistedVariablesAreDyn: true,
  enableOptionalTypes: true,
  // Health results are maps of mixed values ({'status': 'Healthy', 'message': obj.x}).
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 10_000, maxDepth: 100 },
});

export class CelExpressionError extends CapstanError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'CEL_INVALID', cause });
  }
}

export class CelEvaluationError extends CapstanError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'CEL_EVALUATION_FAILED', cause });
  }
}

export interface CelProgram {
  readonly source: string;
  /** Evaluates with the given variables (JSON values) and returns a JSON value. */
  run(vars: Record<string, unknown>): unknown;
}

/** Parses once; throws `CelExpressionError` naming `subject` on a syntax error. */
export function compileCel(source: string, subject: string): CelProgram {
  let fn: (ctx: Record<string, unknown>) => unknown;
  try {
    fn = env.parse(source);
  } catch (err) {
    throw new CelExpressionError(
      `${subject}: invalid CEL expression ${JSON.stringify(source)}: ${firstLine(err)}`,
      err,
    );
  }
  return {
    source,
    run(vars) {
      const ctx: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(vars)) ctx[k] = toCel(v);
      return fromCel(fn(ctx));
    },
  };
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

function toCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toCel(x);
    return out;
  }
  return v;
}

function fromCel(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(fromCel);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), fromCel(x)]));
  if (typeof v === 'object' && v !== null && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCel(x)]));
  }
  return v;
}
