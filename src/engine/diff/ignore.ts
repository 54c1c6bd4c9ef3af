/**
 * `ignoreDifferences` rules (Argo CD `spec.ignoreDifferences[]` and the system-level
 * `resource.customizations.ignoreDifferences.<group_kind>`): which objects a rule applies to, and the
 * concrete paths it ignores in one object. `group` and `kind` take `*` globs; `name` and `namespace`
 * must match exactly when set.
 */
import type { KubeObject } from '../../core/index.ts';
import { groupOf } from '../object/key.ts';
import type { PathElement } from '../object/path.ts';
import type { JqEngine } from './jq.ts';
import { ownedFieldPaths } from './owned-fields.ts';
import { parsePointer, resolvePointer } from './pointer.ts';
import { resolveFieldPath } from './resolve.ts';

export interface IgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

function glob(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(value);
}

export function ruleMatches(rule: IgnoreDifferences, obj: KubeObject): boolean {
  return (
    glob(rule.group ?? '', groupOf(obj)) &&
    glob(rule.kind, obj.kind) &&
    (!rule.name || rule.name === obj.metadata.name) &&
    (!rule.namespace || rule.namespace === obj.metadata.namespace)
  );
}

export function matchingRules(rules: readonly IgnoreDifferences[], obj: KubeObject): IgnoreDifferences[] {
  return rules.filter((r) => ruleMatches(r, obj));
}

export interface IgnoredPathsOptions {
  signal: AbortSignal;
  /** Needed only when a rule has jqPathExpressions. */
  jq: JqEngine | undefined;
  jqTimeoutMs?: number;
  /** Errors of single expressions (bad jq, timeouts) are reported here and the expression skipped, as Argo CD does. */
  onError?: (message: string) => void;
}

/**
 * The paths of `obj` that matching rules ignore via jsonPointers and jqPathExpressions. Paths that
 * do not exist in `obj` are left out. (managedFieldsManagers need both objects: see managed.ts.)
 */
export async function ignoredPaths(
  obj: KubeObject,
  rules: readonly IgnoreDifferences[],
  options: IgnoredPathsOptions,
): Promise<PathElement[][]> {
  const out: PathElement[][] = [];
  const exprs: string[] = [];
  for (const rule of rules) {
    for (const p of rule.jsonPointers ?? []) {
      let tokens: string[];
      try {
        tokens = parsePointer(p);
      } catch (err) {
        options.onError?.((err as Error).message);
        continue;
      }
      const path = resolvePointer(obj, tokens);
      if (path && path.length > 0) out.push(path);
    }
    exprs.push(...(rule.jqPathExpressions ?? []));
  }
  if (exprs.length > 0) {
    if (!options.jq) throw new Error('jqPathExpressions need a jq engine');
    const results = await options.jq.paths(obj, exprs, {
      signal: options.signal,
      timeoutMs: options.jqTimeoutMs,
    });
    results.forEach((r, i) => {
      if ('error' in r) options.onError?.(`jq ${JSON.stringify(exprs[i])}: ${r.error}`);
      else for (const p of r.paths) if (p.length > 0 && resolvePointer(obj, p.map(String))) out.push([...p]);
    });
  }
  return out;
}

/** Managers named by matching rules' `managedFieldsManagers`. */
export function trustedManagers(rules: readonly IgnoreDifferences[]): string[] {
  return [...new Set(rules.flatMap((r) => r.managedFieldsManagers ?? []))];
}

/** The concrete paths in `obj` of the fields `managers` own in `owner` (usually the live object). */
export function ownedPaths(owner: KubeObject, obj: unknown, managers: readonly string[]): PathElement[][] {
  if (managers.length === 0) return [];
  const out: PathElement[][] = [];
  for (const fp of ownedFieldPaths(owner, managers)) {
    const p = resolveFieldPath(obj, fp);
    if (p && p.length > 0) out.push(p);
  }
  return out;
}
