/**
 * Flux's `spec.healthCheckExprs` (RFC-0009, fluxcd/pkg runtime/cel/status_evaluator.go): per
 * apiVersion and kind, CEL expressions `inProgress`, `failed` and `current` over the object's
 * top-level fields (`status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')`).
 * A status for an older generation is InProgress without evaluating anything; then the first of
 * inProgress, failed, current that is true decides; none true is InProgress.
 */
import { formatRef, parseApiVersion, type KubeObject } from '../../../core/index.ts';
import { groupOf } from '../../object/key.ts';
import { getPath } from '../../object/path.ts';
import { CelEvaluationError, CelExpressionError, compileCel, firstLine, type CelProgram } from '../cel.ts';
import type { KStatus, KStatusResult } from './status.ts';

export interface HealthCheckExpr {
  apiVersion: string;
  kind: string;
  current: string;
  inProgress?: string;
  failed?: string;
}

export interface FluxHealthChecks {
  /** The status by the matching expressions, or `undefined` when none is configured for this kind. */
  evaluate(obj: KubeObject): KStatusResult | undefined;
}

interface Compiled {
  group: string;
  kind: string;
  steps: { status: KStatus; name: string; program: CelProgram }[];
}

export function compileHealthCheckExprs(exprs: readonly HealthCheckExpr[]): FluxHealthChecks {
  const compiled: Compiled[] = exprs.map((e) => {
    const subject = `healthCheckExprs[${e.apiVersion}/${e.kind}]`;
    if (!e.current) throw new CelExpressionError(`${subject}: expression current not specified`);
    const steps: Compiled['steps'] = [];
    if (e.inProgress)
      steps.push({ status: 'InProgress', name: 'inProgress', program: compileCel(e.inProgress, subject) });
    if (e.failed) steps.push({ status: 'Failed', name: 'failed', program: compileCel(e.failed, subject) });
    steps.push({ status: 'Current', name: 'current', program: compileCel(e.current, subject) });
    return { group: parseApiVersion(e.apiVersion).group, kind: e.kind, steps };
  });
  return {
    evaluate(obj) {
      const entry = compiled.find((c) => c.kind === obj.kind && c.group === groupOf(obj));
      if (!entry) return undefined;
      const observed = getPath(obj, ['status', 'observedGeneration']);
      const generation = obj.metadata.generation;
      if (typeof observed === 'number' && typeof generation === 'number' && observed !== generation) {
        return {
          status: 'InProgress',
          message: `${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`,
        };
      }
      for (const step of entry.steps) {
        let out: unknown;
        try {
          out = step.program.run(obj);
        } catch (err) {
          throw new CelEvaluationError(
            `${formatRef(obj)}: healthCheckExprs ${step.name}: ${firstLine(err)}`,
            err,
          );
        }
        if (typeof out !== 'boolean') {
          throw new CelEvaluationError(
            `${formatRef(obj)}: healthCheckExprs ${step.name} must evaluate to a boolean`,
          );
        }
        if (out) return { status: step.status, message: `healthCheckExprs ${step.name} is true` };
      }
      return { status: 'InProgress', message: 'no healthCheckExprs expression is true' };
    },
  };
}
