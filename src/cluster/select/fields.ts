import type { KubeObject } from '../../core/index.ts';
import { badRequest } from '../errors.ts';
import { evaluateJsonPath } from '../crd/jsonpath.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';

/** One `field=value` / `field!=value` term. */
export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  matches(object: KubeObject): boolean;
}

type Getter = (o: KubeObject) => unknown;

const get =
  (...path: string[]): Getter =>
  (o) =>
    path.reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );

/** Type-specific selectable fields, beyond `metadata.name` and `metadata.namespace`. */
const TYPE_FIELDS: Record<string, Record<string, Getter>> = {
  '/Pod': {
    'spec.nodeName': get('spec', 'nodeName'),
    'spec.restartPolicy': get('spec', 'restartPolicy'),
    'spec.schedulerName': get('spec', 'schedulerName'),
    'spec.serviceAccountName': get('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => String(get('spec', 'hostNetwork')(o) === true),
    'status.phase': get('status', 'phase'),
    'status.podIP': get('status', 'podIP'),
    'status.nominatedNodeName': get('status', 'nominatedNodeName'),
  },
  '/Event': {
    'involvedObject.kind': get('involvedObject', 'kind'),
    'involvedObject.namespace': get('involvedObject', 'namespace'),
    'involvedObject.name': get('involvedObject', 'name'),
    'involvedObject.uid': get('involvedObject', 'uid'),
    'involvedObject.apiVersion': get('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': get('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': get('involvedObject', 'fieldPath'),
    reason: get('reason'),
    reportingComponent: get('reportingComponent'),
    source: get('source', 'component'),
    type: get('type'),
  },
  '/Secret': { type: get('type') },
  '/Namespace': { 'status.phase': get('status', 'phase') },
  '/Node': { 'spec.unschedulable': (o) => String(get('spec', 'unschedulable')(o) === true) },
  '/ReplicationController': { 'status.replicas': get('status', 'replicas') },
  'apps/ReplicaSet': { 'status.replicas': get('status', 'replicas') },
  'batch/Job': { 'status.successful': get('status', 'succeeded') },
  // Stored as core Events: the events.k8s.io names read the core fields.
  'events.k8s.io/Event': {
    'regarding.kind': get('involvedObject', 'kind'),
    'regarding.namespace': get('involvedObject', 'namespace'),
    'regarding.name': get('involvedObject', 'name'),
    'regarding.uid': get('involvedObject', 'uid'),
    'regarding.apiVersion': get('involvedObject', 'apiVersion'),
    reason: get('reason'),
    reportingController: get('reportingComponent'),
    type: get('type'),
  },
};

/**
 * Parses `fieldSelector` (`a=b,c!=d`, `==` allowed) for one resource type, refusing fields the
 * type does not support as kube-apiserver does. Matching happens on the stored object.
 */
export function parseFieldSelector(text: string | undefined, info: ResourceInfo): FieldSelector {
  const requirements: FieldRequirement[] = [];
  const getters: Getter[] = [];
  const fields = fieldsFor(info);
  for (const term of text ? splitTerms(text) : []) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const getter = fields[field];
    if (!getter) {
      throw badRequest(
        info.crd
          ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"${info.crd.selectableFields.map((f) => `, "${f.slice(1)}"`).join('')}`
          : `field label not supported: ${field}`,
      );
    }
    requirements.push({ field, negate: op === '!=', value: unescape(value) });
    getters.push(getter);
  }
  return {
    requirements,
    matches: (o) =>
      requirements.every((r, i) => {
        const v = getters[i]!(o);
        const s =
          typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
        return r.negate ? s !== r.value : s === r.value;
      }),
  };
}

function fieldsFor(info: ResourceInfo): Record<string, Getter> {
  const base: Record<string, Getter> = {
    'metadata.name': get('metadata', 'name'),
    'metadata.namespace': get('metadata', 'namespace'),
  };
  const extra = TYPE_FIELDS[`${info.group}/${info.kind}`] ?? {};
  const custom: Record<string, Getter> = {};
  for (const path of info.crd?.selectableFields ?? []) {
    custom[path.slice(1)] = (o) => evaluateJsonPath(o, path)[0];
  }
  return { ...base, ...extra, ...custom };
}

/** Splits on commas that are not escaped with a backslash. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i]!;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.filter((t) => t.trim() !== '');
}

function unescape(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}
