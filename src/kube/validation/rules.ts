import type { KubeObject } from '../../core/index.ts';
import { isObject } from '../json.ts';
import { labelSelectorMatches } from '../label-selector.ts';
import { duplicate, invalid, notSupported, required, type FieldCause } from './field-errors.ts';
import { dns1123Label, dns1123Subdomain, maxLen, regexError } from './names.ts';

/**
 * Required fields and the common semantic rules of built-in kinds (kubernetes
 * `pkg/apis/*\/validation`), with the real messages. Not the whole of upstream validation: the
 * rules users hit when they write manifests by hand.
 */

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return isObject(v) ? v : undefined;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : [];
}

const QUALIFIED = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedRe = new RegExp(`^${QUALIFIED}$`);
const labelValueRe = new RegExp(`^(${QUALIFIED})?$`);
const QUALIFIED_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** apimachinery `IsQualifiedName`: label and annotation keys. */
export function qualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name.length > 0 && !qualifiedRe.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** Label keys and values (`metadata.labels`, template labels, selectors). */
export function validateLabels(labels: unknown, path: string): FieldCause[] {
  const out: FieldCause[] = [];
  for (const [k, v] of Object.entries(obj(labels) ?? {})) {
    for (const m of qualifiedName(k)) out.push(invalid(path, k, m));
    const value = typeof v === 'string' ? v : String(v);
    if (value.length > 63) out.push(invalid(path, value, maxLen(63)));
    if (!labelValueRe.test(value)) {
      out.push(
        invalid(
          path,
          value,
          regexError(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            `(${QUALIFIED})?`,
            'MyValue',
            'my_value',
            '12345',
          ),
        ),
      );
    }
  }
  return out;
}

function validateContainers(containers: unknown, path: string, requireOne: boolean): FieldCause[] {
  const out: FieldCause[] = [];
  const items = list(containers);
  if (requireOne && items.length === 0) out.push(required(path));
  const seen = new Set<string>();
  items.forEach((c, i) => {
    const at = `${path}[${i}]`;
    const name = typeof c.name === 'string' ? c.name : '';
    if (name === '') out.push(required(`${at}.name`));
    else {
      for (const m of dns1123Label(name)) out.push(invalid(`${at}.name`, name, m));
      if (seen.has(name)) out.push(duplicate(`${at}.name`, name));
      seen.add(name);
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') out.push(required(`${at}.image`));
    const ports = new Set<string>();
    list(c.ports).forEach((p, j) => {
      const port = p.containerPort;
      if (typeof port !== 'number' || port < 1 || port > 65535) {
        out.push(
          invalid(`${at}.ports[${j}].containerPort`, port ?? 0, 'must be between 1 and 65535, inclusive'),
        );
      }
      if (typeof p.name === 'string' && p.name !== '') {
        if (ports.has(p.name)) out.push(duplicate(`${at}.ports[${j}].name`, p.name));
        ports.add(p.name);
      }
    });
  });
  return out;
}

/** PodSpec rules at `path`. */
export function validatePodSpec(spec: unknown, path: string): FieldCause[] {
  const s = obj(spec);
  if (!s) return [required(`${path}.containers`)];
  return [
    ...validateContainers(s.containers, `${path}.containers`, true),
    ...validateContainers(s.initContainers, `${path}.initContainers`, false),
  ];
}

function isEmptySelector(selector: Obj): boolean {
  return (
    Object.keys(obj(selector.matchLabels) ?? {}).length === 0 && list(selector.matchExpressions).length === 0
  );
}

/** Selector and template rules shared by Deployments, ReplicaSets, DaemonSets and StatefulSets. */
function validateSelectorAndTemplate(spec: Obj, kindWord: string): FieldCause[] {
  const out: FieldCause[] = [];
  const selector = obj(spec.selector);
  if (!selector) out.push(required('spec.selector'));
  else if (isEmptySelector(selector))
    out.push(invalid('spec.selector', selector, `empty selector is invalid for ${kindWord}`));
  const template = obj(spec.template);
  const labels = obj(obj(template?.metadata)?.labels) ?? {};
  if (
    selector &&
    !isEmptySelector(selector) &&
    !labelSelectorMatches(selector, labels as Record<string, string>)
  ) {
    out.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  out.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  out.push(...validatePodSpec(template?.spec, 'spec.template.spec'));
  const restart = obj(template?.spec)?.restartPolicy;
  if (restart !== undefined && restart !== 'Always') {
    out.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  }
  return out;
}

type Rule = (o: KubeObject) => FieldCause[];

const specOf = (o: KubeObject): Obj => obj(o.spec) ?? {};

function validateJobSpec(spec: Obj, path: string): FieldCause[] {
  const template = obj(spec.template);
  const out = validatePodSpec(template?.spec, `${path}.template.spec`);
  const restart = obj(template?.spec)?.restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never') {
    out.push(notSupported(`${path}.template.spec.restartPolicy`, restart ?? '', ['OnFailure', 'Never']));
  }
  return out;
}

function validateService(o: KubeObject): FieldCause[] {
  const spec = specOf(o);
  const out: FieldCause[] = [];
  if (spec.type === 'ExternalName') {
    if (typeof spec.externalName !== 'string' || spec.externalName === '')
      out.push(required('spec.externalName'));
    return out;
  }
  const ports = list(spec.ports);
  if (ports.length === 0 && spec.clusterIP !== 'None') out.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) out.push(required(`${at}.name`));
    if (typeof p.name === 'string' && p.name !== '') {
      if (names.has(p.name)) out.push(duplicate(`${at}.name`, p.name));
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) {
      out.push(invalid(`${at}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
    }
  });
  return out;
}

const CONFIG_KEY = '[-._a-zA-Z0-9]+';
const configKeyRe = new RegExp(`^${CONFIG_KEY}$`);

function validateDataKeys(o: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const key of Object.keys(obj(o[field]) ?? {})) {
      const path = `${field}[${key}]`;
      if (key.length > 253) out.push(invalid(path, key, maxLen(253)));
      if (!configKeyRe.test(key)) {
        out.push(
          invalid(
            path,
            key,
            regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_KEY,
              'key.name',
              'KEY_NAME',
              'key-name',
            ),
          ),
        );
      }
      if (key === '.' || key === '..') out.push(invalid(path, key, `must not be '${key}'`));
      else if (key.startsWith('..')) out.push(invalid(path, key, "must not start with '..'"));
    }
  }
  return out;
}

function validateIngress(o: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  list(specOf(o).rules).forEach((rule, i) => {
    list(obj(rule.http)?.paths).forEach((p, j) => {
      if (p.pathType === undefined || p.pathType === null || p.pathType === '') {
        out.push(required(`spec.rules[${i}].http.paths[${j}].pathType`, 'pathType must be specified'));
      }
    });
  });
  return out;
}

/** The rules of each kind; kinds without an entry are only name- and label-checked. */
export const RULES: Readonly<Record<string, Rule>> = {
  'apps/v1/Deployment': (o) => validateSelectorAndTemplate(specOf(o), 'deployment'),
  'apps/v1/ReplicaSet': (o) => validateSelectorAndTemplate(specOf(o), 'replicaset'),
  'apps/v1/DaemonSet': (o) => validateSelectorAndTemplate(specOf(o), 'daemonset'),
  'apps/v1/StatefulSet': (o) => validateSelectorAndTemplate(specOf(o), 'statefulset'),
  'batch/v1/Job': (o) => validateJobSpec(specOf(o), 'spec'),
  'batch/v1/CronJob': (o) => {
    const spec = specOf(o);
    const out: FieldCause[] = [];
    if (typeof spec.schedule !== 'string' || spec.schedule === '') out.push(required('spec.schedule'));
    out.push(...validateJobSpec(obj(obj(spec.jobTemplate)?.spec) ?? {}, 'spec.jobTemplate.spec'));
    return out;
  },
  'v1/Pod': (o) => validatePodSpec(o.spec, 'spec'),
  'v1/PodTemplate': (o) => validatePodSpec(obj(o.template)?.spec, 'template.spec'),
  'v1/Service': validateService,
  'v1/ConfigMap': validateDataKeys,
  'v1/Secret': validateDataKeys,
  'networking.k8s.io/v1/Ingress': validateIngress,
};
