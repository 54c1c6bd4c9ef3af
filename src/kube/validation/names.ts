import type { KubeObject } from '../../core/index.ts';
import { invalid, required, type FieldCause } from './field-errors.ts';

/** Object name rules and their messages (apimachinery `pkg/util/validation`, `pkg/api/validation`). */

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const labelRe = new RegExp(`^${LABEL}$`);
const subdomainRe = new RegExp(`^${SUBDOMAIN}$`);
const dns1035Re = new RegExp(`^${DNS1035}$`);

/** apimachinery `RegexError`, spacing included: `(e.g. 'my-name',  or '123-abc', regex used …)`. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const eg = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`;
}

export function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

/** Problems of a DNS-1123 subdomain (at most 253 characters). */
export function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLen(253));
  if (!subdomainRe.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN,
        'example.com',
      ),
    );
  }
  return errs;
}

/** Problems of a DNS-1123 label (at most 63 characters). */
export function dns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!labelRe.test(value)) {
    if (subdomainRe.test(value)) errs.push('must not contain dots');
    else {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          LABEL,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return errs;
}

/** Problems of a DNS-1035 label (Service names: must start with a letter). */
export function dns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!dns1035Re.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** Problems of a path segment name (RBAC objects, custom resources). */
export function pathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) if (value.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

export type NameRule = (name: string) => string[];

/** Kinds whose names are not DNS-1123 subdomains (the default). */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'v1/Namespace': dns1123Label,
  'v1/Service': dns1035Label,
  'apps/v1/StatefulSet': dns1123Label,
  'batch/v1/CronJob': (name) => [...dns1123Subdomain(name), ...(name.length > 52 ? [maxLen(52)] : [])],
  'rbac.authorization.k8s.io/v1/Role': pathSegmentName,
  'rbac.authorization.k8s.io/v1/ClusterRole': pathSegmentName,
  'rbac.authorization.k8s.io/v1/RoleBinding': pathSegmentName,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': pathSegmentName,
};

/** The name rule of a kind; custom resources (`builtin` false) need only be path segments. */
export function nameRuleFor(apiVersion: string, kind: string, builtin = true): NameRule {
  return NAME_RULES[`${apiVersion}/${kind}`] ?? (builtin ? dns1123Subdomain : pathSegmentName);
}

/**
 * `metadata.name` problems: missing (unless generateName), or breaking the kind's rule. A
 * CustomResourceDefinition must be named `<plural>.<group>`.
 */
export function validateName(obj: KubeObject, builtin = true): FieldCause[] {
  const name = obj.metadata?.name;
  if (!name) {
    return obj.metadata?.generateName ? [] : [required('metadata.name', 'name or generateName is required')];
  }
  if (obj.apiVersion === 'apiextensions.k8s.io/v1' && obj.kind === 'CustomResourceDefinition') {
    const spec = obj.spec as { group?: string; names?: { plural?: string } } | undefined;
    const want = `${spec?.names?.plural ?? ''}.${spec?.group ?? ''}`;
    if (name !== want) return [invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group')];
    return [];
  }
  return nameRuleFor(
    obj.apiVersion,
    obj.kind,
    builtin,
  )(name).map((msg) => invalid('metadata.name', name, msg));
}
