import { structuralSchemaErrors } from '../kube/index.ts';
import type { CustomResourceDefinition } from './crd.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const COLUMN_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date']);

/**
 * What kube-apiserver checks in a CustomResourceDefinition before serving it, for our own CRDs:
 * names (`<plural>.<group>`, lowercase DNS labels, distinct short names), exactly one storage
 * version, a served version, structural schemas (`kube`'s `structuralSchemaErrors`), printer
 * columns with a known type and a JSONPath starting at `.`. Each problem is one line starting
 * with the field, as the API server's validation errors do. Used before installing and by tests.
 */
export function crdErrors(crd: CustomResourceDefinition): string[] {
  const errors: string[] = [];
  const { spec, metadata } = crd;
  const { names } = spec;
  if (metadata.name !== `${names.plural}.${spec.group}`)
    errors.push(
      `metadata.name: Invalid value: ${JSON.stringify(metadata.name)}: must be spec.names.plural+"."+spec.group`,
    );
  if (!spec.group.includes('.'))
    errors.push(
      `spec.group: Invalid value: ${JSON.stringify(spec.group)}: should be a domain with at least one dot`,
    );
  for (const key of ['plural', 'singular'] as const)
    if (!DNS_LABEL.test(names[key]))
      errors.push(
        `spec.names.${key}: Invalid value: ${JSON.stringify(names[key])}: a lowercase RFC 1123 label is required`,
      );
  if (names.listKind !== `${names.kind}List`)
    errors.push(
      `spec.names.listKind: Invalid value: ${JSON.stringify(names.listKind)}: should be ${names.kind}List`,
    );
  const short = names.shortNames ?? [];
  short.forEach((s, i) => {
    if (!DNS_LABEL.test(s))
      errors.push(
        `spec.names.shortNames[${i}]: Invalid value: ${JSON.stringify(s)}: a lowercase RFC 1123 label is required`,
      );
    if (short.indexOf(s) !== i)
      errors.push(`spec.names.shortNames[${i}]: Duplicate value: ${JSON.stringify(s)}`);
  });
  const storage = spec.versions.filter((v) => v.storage);
  if (storage.length !== 1)
    errors.push('spec.versions: Invalid value: must have exactly one version marked as storage version');
  if (!spec.versions.some((v) => v.served))
    errors.push('spec.versions: Invalid value: must have at least one served version');
  spec.versions.forEach((v, i) => {
    const at = `spec.versions[${i}]`;
    if (!DNS_LABEL.test(v.name))
      errors.push(`${at}.name: Invalid value: ${JSON.stringify(v.name)}: a DNS-1035 label is required`);
    if (spec.versions.findIndex((x) => x.name === v.name) !== i)
      errors.push(`${at}.name: Duplicate value: ${JSON.stringify(v.name)}`);
    if (v.storage && !v.served)
      errors.push(`${at}.served: Invalid value: false: the storage version must be served`);
    errors.push(...structuralSchemaErrors(v.schema.openAPIV3Schema, `${at}.schema.openAPIV3Schema`));
    (v.additionalPrinterColumns ?? []).forEach((c, j) => {
      const col = `${at}.additionalPrinterColumns[${j}]`;
      if (!c.name) errors.push(`${col}.name: Required value`);
      if (!COLUMN_TYPES.has(c.type)) errors.push(`${col}.type: Unsupported value: ${JSON.stringify(c.type)}`);
      if (!c.jsonPath.startsWith('.'))
        errors.push(
          `${col}.jsonPath: Invalid value: ${JSON.stringify(c.jsonPath)}: must be a simple json path starting with .`,
        );
    });
  });
  return errors;
}
