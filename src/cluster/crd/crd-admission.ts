import type { AdmissionRequest, AdmissionStep } from '../admission/types.ts';
import { timestamp } from '../admission/system-metadata.ts';
import { invalid, type FieldError } from '../errors.ts';
import type { Registry } from '../registry/registry.ts';
import { CRD_CLEANUP_FINALIZER, isCrd, type Crd, type CrdNames } from './crd-types.ts';

/**
 * What kube-apiserver's apiextensions strategy and its naming/establishing controllers do to a
 * CustomResourceDefinition, done in line so that the CRD is served as soon as it is stored:
 * defaults, validation, the cleanup finalizer, and a status with acceptedNames, storedVersions
 * and the NamesAccepted/Established (and Terminating) conditions.
 */
export function crdRules(registry: Registry): AdmissionStep {
  return {
    name: 'crd-rules',
    slot: 'strategy',
    matches: (r) => r.operation !== 'DELETE' && isCrd(r.resource),
    admit: (r) => admitCrd(r, registry),
  };
}

function admitCrd(r: AdmissionRequest, registry: Registry): void {
  const crd = r.object as Crd;
  if (r.subresource === '' || r.operation === 'CREATE') applyDefaults(crd);
  const errors = validateCrd(crd, r.oldObject as Crd | undefined);
  if (errors.length > 0) throw invalid(r.resource, r.name, errors);
  if (r.operation === 'CREATE') {
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER))
      crd.metadata.finalizers = [...finalizers, CRD_CLEANUP_FINALIZER];
  }
  crd.status = computeStatus(r, crd, registry);
}

function applyDefaults(crd: Crd): void {
  const names = crd.spec?.names;
  if (names?.kind) {
    names.singular ||= names.kind.toLowerCase();
    names.listKind ||= `${names.kind}List`;
  }
  if (crd.spec) crd.spec.conversion ??= { strategy: 'None' };
}

function validateCrd(crd: Crd, old: Crd | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const req = (field: string) =>
    errors.push({ reason: 'FieldValueRequired', field, message: 'Required value' });
  const bad = (field: string, value: unknown, why: string) =>
    errors.push({
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
    });
  const spec = crd.spec;
  if (!spec || typeof spec !== 'object') {
    req('spec');
    return errors;
  }
  if (!spec.group) req('spec.group');
  else if (!spec.group.includes('.'))
    bad('spec.group', spec.group, 'should be a domain with at least one dot');
  if (!spec.names?.plural) req('spec.names.plural');
  if (!spec.names?.kind) req('spec.names.kind');
  if (spec.group && spec.names?.plural && crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
    bad('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group');
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errors.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.scope',
      message: `Unsupported value: ${JSON.stringify(spec.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
    });
  } else if (old?.spec && old.spec.scope !== spec.scope) {
    bad('spec.scope', spec.scope, 'field is immutable');
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) {
    req('spec.versions');
    return errors;
  }
  if (versions.filter((v) => v.storage).length !== 1) {
    bad(
      'spec.versions',
      versions.map((v) => v.name),
      'must have exactly one version marked as storage version',
    );
  }
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    const at = `spec.versions[${i}]`;
    if (!v.name) req(`${at}.name`);
    else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v.name))
      bad(`${at}.name`, v.name, 'a DNS-1035 label is required');
    if (seen.has(v.name))
      errors.push({
        reason: 'FieldValueDuplicate',
        field: `${at}.name`,
        message: `Duplicate value: ${JSON.stringify(v.name)}`,
      });
    seen.add(v.name);
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) {
      if (!spec.preserveUnknownFields)
        errors.push({
          reason: 'FieldValueRequired',
          field: `${at}.schema.openAPIV3Schema`,
          message: 'Required value: schemas are required',
        });
    } else if (schema.type !== 'object' && !schema['x-kubernetes-preserve-unknown-fields']) {
      errors.push({
        reason: schema.type ? 'FieldValueInvalid' : 'FieldValueRequired',
        field: `${at}.schema.openAPIV3Schema.type`,
        message: schema.type
          ? `Unsupported value: ${JSON.stringify(schema.type)}: supported values: "object"`
          : 'Required value: must not be empty at the root',
      });
    }
    for (const [j, col] of (v.additionalPrinterColumns ?? []).entries()) {
      if (!col.name) req(`${at}.additionalPrinterColumns[${j}].name`);
      if (!col.jsonPath) req(`${at}.additionalPrinterColumns[${j}].jsonPath`);
    }
  });
  if (!versions.some((v) => v.served))
    bad(
      'spec.versions',
      versions.map((v) => v.name),
      'must have at least one served version',
    );
  return errors;
}

function computeStatus(r: AdmissionRequest, crd: Crd, registry: Registry): Crd['status'] {
  const old = (r.oldObject as Crd | undefined)?.status;
  const conflict = nameConflict(crd, registry);
  const now = timestamp(r.now);
  const condition = (type: string, status: boolean, reason: string, message: string) => {
    const prev = old?.conditions?.find((c) => c.type === type);
    const s = status ? 'True' : 'False';
    return {
      type,
      status: s,
      lastTransitionTime: prev?.status === s && prev.lastTransitionTime ? prev.lastTransitionTime : now,
      reason,
      message,
    };
  };
  const accepted: CrdNames = conflict
    ? structuredClone(old?.acceptedNames ?? { plural: '', kind: '' })
    : {
        plural: crd.spec.names.plural,
        singular: crd.spec.names.singular,
        kind: crd.spec.names.kind,
        listKind: crd.spec.names.listKind,
        ...(crd.spec.names.shortNames?.length ? { shortNames: crd.spec.names.shortNames } : {}),
        ...(crd.spec.names.categories?.length ? { categories: crd.spec.names.categories } : {}),
      };
  const conditions = [
    conflict
      ? condition('NamesAccepted', false, conflict.reason, conflict.message)
      : condition('NamesAccepted', true, 'NoConflicts', 'no conflicts found'),
    conflict
      ? condition('Established', false, 'NotAccepted', 'not all names are accepted')
      : condition('Established', true, 'InitialNamesAccepted', 'the initial names have been accepted'),
  ];
  if (crd.metadata.deletionTimestamp) {
    conditions.push(
      condition('Terminating', true, 'InstanceDeletionInProgress', 'CustomResource deletion is in progress'),
    );
  }
  const storage = crd.spec.versions.find((v) => v.storage)?.name;
  const storedVersions = [...(old?.storedVersions ?? [])];
  if (storage && !storedVersions.includes(storage)) storedVersions.push(storage);
  return { conditions, acceptedNames: accepted, storedVersions };
}

/** Another CRD (or a built-in type) of the same group already uses the plural or kind. */
function nameConflict(crd: Crd, registry: Registry): { reason: string; message: string } | undefined {
  const { group, names } = crd.spec;
  for (const version of crd.spec.versions) {
    const byPlural = registry.byResource(group, version.name, names.plural);
    if (byPlural && byPlural.crd?.crdName !== crd.metadata.name) {
      return { reason: 'PluralConflict', message: `"${names.plural}" is already in use` };
    }
    const byKind = registry.byKind(`${group}/${version.name}`, names.kind);
    if (byKind && byKind.crd?.crdName !== crd.metadata.name) {
      return { reason: 'KindConflict', message: `"${names.kind}" is already in use` };
    }
  }
  return undefined;
}
