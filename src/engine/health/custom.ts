/**
 * Custom health checks in CEL, configured like Argo CD's `resource.customizations.health.<group_kind>`
 * (key `apps_Deployment`, `cert-manager.io_Certificate`, `ConfigMap` for the core group, `*` globs in
 * group or kind) but as an expression instead of Lua: it sees the object as `obj` (and its top-level
 * fields directly: `status`, `spec`, `metadata`) and returns `{'status': 'Healthy', 'message': '…'}`,
 * or `{}` (no status; `null` also works where CEL's typing allows it) to fall back to the built-in
 * check. A custom check overrides the built-in one, as Lua does.
 */
import { formatRef, type KubeObject } from '../../core/index.ts';
import { groupOf } from '../object/key.ts';
import { isObject } from '../object/path.ts';
import { CelEvaluationError, compileCel, firstLine, type CelProgram } from './cel.ts';
import { isHealthStatusCode, type HealthStatus } from './status.ts';

/** `resource.customizations.health.<key>` entries, key → CEL source. */
export type CustomHealthConfig = Record<string, string>;

interface Entry {
  group: RegExp;
  kind: RegExp;
  program: CelProgram;
}

export interface CustomHealthChecks {
  /** `undefined` when no custom check matches or the check returned null. */
  check(obj: KubeObject): HealthStatus | undefined;
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Splits `group_kind` at the last underscore; a key without one is a core-group kind. */
function parseKey(key: string): { group: string; kind: string } {
  const i = key.lastIndexOf('_');
  return i < 0 ? { group: '', kind: key } : { group: key.slice(0, i), kind: key.slice(i + 1) };
}

/** Compiles every check up front so a bad expression is reported once, at configuration time. */
export function compileCustomHealth(config: CustomHealthConfig): CustomHealthChecks {
  const entries: Entry[] = Object.entries(config).map(([key, source]) => {
    const { group, kind } = parseKey(key);
    return {
      group: glob(group),
      kind: glob(kind),
      program: compileCel(source, `resource.customizations.health.${key}`),
    };
  });
  return {
    check(obj) {
      const group = groupOf(obj);
      const entry = entries.find((e) => e.group.test(group) && e.kind.test(obj.kind));
      if (!entry) return undefined;
      let out: unknown;
      try {
        out = entry.program.run({ ...obj, obj });
      } catch (err) {
        throw new CelEvaluationError(`${formatRef(obj)}: custom health check failed: ${firstLine(err)}`, err);
      }
      if (out === null || out === undefined || (isObject(out) && !('status' in out))) return undefined;
      if (!isObject(out) || !isHealthStatusCode(out['status'])) {
        throw new CelEvaluationError(
          `${formatRef(obj)}: custom health check must return {'status': <Healthy|Progressing|Degraded|Suspended|Missing|Unknown>, 'message': string}`,
        );
      }
      const message = typeof out['message'] === 'string' ? out['message'] : undefined;
      return message ? { status: out['status'], message } : { status: out['status'] };
    },
  };
}
