/**
 * Type-level server-side-apply facts that the marker table (`ssa-markers.ts`) does not carry.
 *
 * Sources: `+structType=atomic` markers on type declarations in k8s.io/api `*\/types.go` (core,
 * autoscaling/v1, discovery, networking, rbac, admissionregistration) and k8s.io/apimachinery
 * `pkg/apis/meta/v1/types.go`; `+default` markers on list-map key fields (core/v1 ContainerPort and
 * ServicePort `protocol`, which is why SSA keys read `k:{"containerPort":80,"protocol":"TCP"}`).
 */

/** [group/version, Go type] of structs owned and replaced as a whole by server-side apply. */
export const ATOMIC_STRUCTS: readonly (readonly [gv: string, goType: string])[] = [
  ['meta/v1', 'LabelSelector'],
  ['meta/v1', 'OwnerReference'],
  ['core/v1', 'SecretReference'],
  ['core/v1', 'FileKeySelector'],
  ['core/v1', 'ObjectFieldSelector'],
  ['core/v1', 'ResourceFieldSelector'],
  ['core/v1', 'ConfigMapKeySelector'],
  ['core/v1', 'SecretKeySelector'],
  ['core/v1', 'NodeSelector'],
  ['core/v1', 'NodeSelectorTerm'],
  ['core/v1', 'TopologySelectorTerm'],
  ['core/v1', 'EvictionResponder'],
  ['core/v1', 'EndpointAddress'],
  ['core/v1', 'EndpointPort'],
  ['core/v1', 'ObjectReference'],
  ['core/v1', 'LocalObjectReference'],
  ['core/v1', 'TypedLocalObjectReference'],
  ['core/v1', 'ScopeSelector'],
  ['autoscaling/v1', 'CrossVersionObjectReference'],
  ['discovery/v1', 'EndpointPort'],
  ['networking/v1', 'ServiceBackendPort'],
  ['rbac/v1', 'Subject'],
  ['rbac/v1', 'RoleRef'],
  ['admissionregistration/v1', 'ParamKind'],
  ['admissionregistration/v1', 'Variable'],
  ['admissionregistration/v1', 'ParamRef'],
  ['admissionregistration/v1', 'MatchResources'],
  ['admissionregistration/v1', 'NamedRuleWithOperations'],
];

/** [group/version, Go type, field, default] of list-map key fields that elements may omit. */
export const LIST_MAP_KEY_DEFAULTS: readonly (readonly [
  gv: string,
  goType: string,
  field: string,
  value: unknown,
])[] = [
  ['core/v1', 'ContainerPort', 'protocol', 'TCP'],
  ['core/v1', 'ServicePort', 'protocol', 'TCP'],
];

/**
 * Go types that other types embed inline, so client-node flattens their fields into the embedding
 * models: rows for `EphemeralContainerCommon` apply to `EphemeralContainer`, rows for the
 * admission `Rule` to `RuleWithOperations` and `NamedRuleWithOperations`.
 */
export const EMBEDDED_TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  EphemeralContainerCommon: ['EphemeralContainer'],
  Rule: ['RuleWithOperations', 'NamedRuleWithOperations'],
};
