import { at, child, items, setDefault, setIfZero, type Obj } from './fields.ts';

/**
 * Defaults of the other catalog groups (kubernetes `pkg/apis/<group>/<version>/defaults.go`,
 * apiextensions-apiserver for CRDs), as a v1.31 API server applies them.
 */

export function defaultNetworkPolicy(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = [
      'Ingress',
      ...(Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Egress'] : []),
    ];
  }
  for (const rule of [...items(spec, 'ingress'), ...items(spec, 'egress')]) {
    for (const port of items(rule, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
}

export function defaultIngressClass(obj: Obj): void {
  const params = at(obj, 'spec.parameters');
  if (params) setDefault(params, 'scope', 'Cluster');
}

const SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function scalingRules(given: unknown, defaults: Obj): Obj {
  const out: Obj = structuredClone(defaults);
  const from = given as Obj | null | undefined;
  if (from && typeof from === 'object') {
    for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) {
      if (from[key] !== undefined && from[key] !== null) out[key] = from[key];
    }
  }
  return out;
}

export function defaultHpaV2(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setDefault(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ];
  }
  const behavior = child(spec, 'behavior');
  if (behavior) {
    behavior.scaleUp = scalingRules(behavior.scaleUp, SCALE_UP);
    behavior.scaleDown = scalingRules(behavior.scaleDown, SCALE_DOWN);
  }
}

export function defaultHpaV1(obj: Obj): void {
  setDefault(child(obj, 'spec', true)!, 'minReplicas', 1);
}

export function defaultRoleBinding(obj: Obj): void {
  const roleRef = child(obj, 'roleRef', true)!;
  setIfZero(roleRef, 'apiGroup', 'rbac.authorization.k8s.io');
  for (const subject of items(obj, 'subjects')) {
    if (subject.apiGroup !== undefined && subject.apiGroup !== null && subject.apiGroup !== '') continue;
    // A ServiceAccount's group is "", which Go's encoding omits: writing it would make every
    // client-side apply of a binding see a changed subjects list.
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = 'rbac.authorization.k8s.io';
  }
}

export function defaultStorageClass(obj: Obj): void {
  setDefault(obj, 'reclaimPolicy', 'Delete');
  setDefault(obj, 'volumeBindingMode', 'Immediate');
}

export function defaultCsiDriver(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setDefault(spec, 'attachRequired', true);
  setDefault(spec, 'podInfoOnMount', false);
  setDefault(spec, 'storageCapacity', false);
  setDefault(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) {
    spec.volumeLifecycleModes = ['Persistent'];
  }
  setDefault(spec, 'requiresRepublish', false);
  setDefault(spec, 'seLinuxMount', false);
}

function defaultWebhook(webhook: Obj, mutating: boolean): void {
  setDefault(webhook, 'failurePolicy', 'Fail');
  setDefault(webhook, 'matchPolicy', 'Equivalent');
  setDefault(webhook, 'namespaceSelector', {});
  setDefault(webhook, 'objectSelector', {});
  setDefault(webhook, 'timeoutSeconds', 10);
  if (mutating) setDefault(webhook, 'reinvocationPolicy', 'Never');
  for (const rule of items(webhook, 'rules')) setDefault(rule, 'scope', '*');
  const service = at(webhook, 'clientConfig.service');
  if (service) setDefault(service, 'port', 443);
}

export function defaultMutatingWebhookConfiguration(obj: Obj): void {
  for (const w of items(obj, 'webhooks')) defaultWebhook(w, true);
}

export function defaultValidatingWebhookConfiguration(obj: Obj): void {
  for (const w of items(obj, 'webhooks')) defaultWebhook(w, false);
}

export function defaultValidatingAdmissionPolicy(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setDefault(spec, 'failurePolicy', 'Fail');
  const match = child(spec, 'matchConstraints');
  if (match) {
    setDefault(match, 'matchPolicy', 'Equivalent');
    setDefault(match, 'namespaceSelector', {});
    setDefault(match, 'objectSelector', {});
    for (const rule of items(match, 'resourceRules')) setDefault(rule, 'scope', '*');
    for (const rule of items(match, 'excludeResourceRules')) setDefault(rule, 'scope', '*');
  }
}

export function defaultValidatingAdmissionPolicyBinding(obj: Obj): void {
  const match = at(obj, 'spec.matchResources');
  if (!match) return;
  setDefault(match, 'matchPolicy', 'Equivalent');
  setDefault(match, 'namespaceSelector', {});
  setDefault(match, 'objectSelector', {});
  for (const rule of items(match, 'resourceRules')) setDefault(rule, 'scope', '*');
  for (const rule of items(match, 'excludeResourceRules')) setDefault(rule, 'scope', '*');
}

export function defaultPriorityClass(obj: Obj): void {
  setDefault(obj, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function defaultEndpointSlice(obj: Obj): void {
  for (const port of items(obj, 'ports')) {
    setDefault(port, 'name', '');
    setDefault(port, 'protocol', 'TCP');
  }
}

export function defaultCustomResourceDefinition(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  const names = child(spec, 'names', true)!;
  if (typeof names.kind === 'string') {
    setIfZero(names, 'singular', names.kind.toLowerCase());
    if (names.kind !== '') setIfZero(names, 'listKind', `${names.kind}List`);
  }
  setDefault(spec, 'conversion', { strategy: 'None' });
  const webhook = at(spec, 'conversion.webhook.clientConfig.service');
  if (webhook) setDefault(webhook, 'port', 443);
  const status = child(obj, 'status', true)!;
  if (!Array.isArray(status.storedVersions) || status.storedVersions.length === 0) {
    const storage = items(spec, 'versions').find((v) => v.storage === true);
    if (storage && typeof storage.name === 'string') status.storedVersions = [storage.name];
  }
}
