import { pruneUnknownFields, schemaFor } from '../../kube/index.ts';
import { badRequest } from '../errors.ts';
import type { AdmissionRequest, AdmissionStep } from './types.ts';

const APPLY = 'application/apply-patch+yaml';

/**
 * `fieldValidation` for every write: unknown fields of built-in kinds are dropped (as decoding
 * into the Go type drops them) and, with duplicate fields found while decoding the body, refused
 * under `Strict` (400) or sent back as `Warning` headers under `Warn`, in kube-apiserver's words
 * for each kind of request. Custom resources' unknown fields are the `custom-resource-schema`
 * step's; their duplicates are reported here. Apply requests only ever report duplicates: an
 * applied configuration with unknown fields has already been refused by server-side apply.
 */
export const strictFields: AdmissionStep = {
  name: 'strict-fields',
  slot: 'schema',
  matches: (r) => r.operation !== 'DELETE',
  admit(r) {
    const schema =
      r.resource.crd === undefined
        ? schemaFor({ apiVersion: r.resource.apiVersion, kind: r.resource.kind })
        : undefined;
    const pruned = schema ? pruneUnknownFields(r.object, schema) : [];
    if (r.fieldValidation === 'Ignore') return;
    const reported = r.bodyProblems.map((p) => p.message);
    if (r.patchType === APPLY) return enforce(r, reported, applyMessages);
    if (r.patchType === 'application/json-patch+json') {
      for (let i = 0; i < reported.length; i++) reported[i] = `json patch ${reported[i]}`;
    }
    for (const p of pruned) if (!reported.includes(p.message)) reported.push(p.message);
    enforce(r, reported, r.patchType === undefined ? bodyMessages : patchMessages);
  },
};

interface Messages {
  error: (r: AdmissionRequest, problems: string[]) => string;
  warning: (problem: string) => string;
}

/** POST and PUT: the decoder's error, wrapped as the handler reports a body it cannot decode. */
const bodyMessages: Messages = {
  error: (r, problems) =>
    `${r.resource.kind} in version ${JSON.stringify(r.resource.version)} cannot be handled as a ${r.resource.kind}: strict decoding error: ${problems.join(', ')}`,
  warning: (p) => p,
};

/** JSON, merge and strategic merge patches: the patched object's decoding errors. */
const patchMessages: Messages = {
  error: (_r, problems) => `strict decoding error: ${problems.join(', ')}`,
  warning: (p) => p,
};

/** Apply: the YAML decoder's duplicate-key error, checked after the apply itself succeeded. */
const applyMessages: Messages = {
  error: (_r, problems) =>
    `error strict decoding YAML: error converting YAML to JSON: ${problems.join(', ')}`,
  warning: (p) => `error converting YAML to JSON: ${p}`,
};

function enforce(r: AdmissionRequest, problems: string[], messages: Messages): void {
  if (problems.length === 0) return;
  if (r.fieldValidation === 'Strict') throw badRequest(messages.error(r, problems));
  r.warnings.push(...problems.map(messages.warning));
}
