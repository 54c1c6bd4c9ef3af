import { child, items, setDefault, setIfZero, type Obj } from './fields.ts';

/**
 * Pod-level defaults (kubernetes `pkg/apis/core/v1/defaults.go` and the generated
 * `zz_generated.defaults.go` that walks PodSpec): everything a PodSpec gets wherever it appears
 * (Pods, templates of workloads), and the extra defaults only Pods get.
 */

/** The tag `parsers.ParseImageName` would find: `latest` when there is neither tag nor digest. */
export function imageTag(image: string): string {
  if (image === '') return '';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (tag === '' && at < 0) return 'latest';
  return tag;
}

export function defaultProbe(probe: Obj | undefined): void {
  if (!probe) return;
  setIfZero(probe, 'timeoutSeconds', 1);
  setIfZero(probe, 'periodSeconds', 10);
  setIfZero(probe, 'successThreshold', 1);
  setIfZero(probe, 'failureThreshold', 3);
  defaultHttpGet(child(probe, 'httpGet'));
}

function defaultHttpGet(action: Obj | undefined): void {
  if (!action) return;
  setIfZero(action, 'path', '/');
  setIfZero(action, 'scheme', 'HTTP');
}

function defaultFieldRef(ref: Obj | undefined): void {
  if (ref) setIfZero(ref, 'apiVersion', 'v1');
}

/** SetDefaults_Container plus what the generated defaulter applies inside a container. */
export function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    c.imagePullPolicy =
      imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setIfZero(c, 'terminationMessagePath', '/dev/termination-log');
  setIfZero(c, 'terminationMessagePolicy', 'File');
  for (const port of items(c, 'ports')) setIfZero(port, 'protocol', 'TCP');
  for (const env of items(c, 'env')) defaultFieldRef(child(child(env, 'valueFrom') ?? {}, 'fieldRef'));
  defaultProbe(child(c, 'livenessProbe'));
  defaultProbe(child(c, 'readinessProbe'));
  defaultProbe(child(c, 'startupProbe'));
  const lifecycle = child(c, 'lifecycle');
  if (lifecycle) {
    defaultHttpGet(child(child(lifecycle, 'postStart') ?? {}, 'httpGet'));
    defaultHttpGet(child(child(lifecycle, 'preStop') ?? {}, 'httpGet'));
  }
}

const SECRET_OR_CONFIG_MODE = 0o644;

function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  const hostPath = child(v, 'hostPath');
  if (hostPath) setDefault(hostPath, 'type', '');
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = child(v, key);
    if (src) setDefault(src, 'defaultMode', SECRET_OR_CONFIG_MODE);
  }
  for (const item of items(child(v, 'downwardAPI'), 'items')) defaultFieldRef(child(item, 'fieldRef'));
  for (const source of items(child(v, 'projected'), 'sources')) {
    for (const item of items(child(source, 'downwardAPI'), 'items')) defaultFieldRef(child(item, 'fieldRef'));
    const token = child(source, 'serviceAccountToken');
    if (token) setDefault(token, 'expirationSeconds', 3600);
  }
  const iscsi = child(v, 'iscsi');
  if (iscsi) setIfZero(iscsi, 'iscsiInterface', 'default');
  const rbd = child(v, 'rbd');
  if (rbd) {
    setIfZero(rbd, 'pool', 'rbd');
    setIfZero(rbd, 'user', 'admin');
    setIfZero(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = child(v, 'azureDisk');
  if (azureDisk) {
    setDefault(azureDisk, 'cachingMode', 'ReadWrite');
    setDefault(azureDisk, 'fsType', 'ext4');
    setDefault(azureDisk, 'readOnly', false);
    setDefault(azureDisk, 'kind', 'Shared');
  }
  const claim = child(child(child(v, 'ephemeral') ?? {}, 'volumeClaimTemplate') ?? {}, 'spec');
  if (claim) defaultPersistentVolumeClaimSpec(claim);
}

export function defaultPersistentVolumeClaimSpec(spec: Obj): void {
  setDefault(spec, 'volumeMode', 'Filesystem');
}

/** SetDefaults_PodSpec and everything inside a PodSpec, wherever it appears. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec) return;
  setIfZero(spec, 'dnsPolicy', 'ClusterFirst');
  setIfZero(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setIfZero(spec, 'schedulerName', 'default-scheduler');
  for (const v of items(spec, 'volumes')) defaultVolume(v);
  for (const c of items(spec, 'initContainers')) defaultContainer(c);
  for (const c of items(spec, 'containers')) defaultContainer(c);
  for (const c of items(spec, 'ephemeralContainers')) defaultContainer(c);
}

/** A pod template's spec (`spec.template` of workloads, `template` of a PodTemplate). */
export function defaultPodTemplate(template: Obj | undefined): void {
  if (template) defaultPodSpec(child(template, 'spec'));
}

/** Requests default to limits for each resource a container limits but does not request. */
function requestsFromLimits(c: Obj): void {
  const resources = child(c, 'resources');
  const limits = resources ? child(resources, 'limits') : undefined;
  if (!resources || !limits) return;
  const requests = child(resources, 'requests', true)!;
  for (const [k, v] of Object.entries(limits)) if (!Object.hasOwn(requests, k)) requests[k] = v;
}

/** SetDefaults_Pod: only Pods themselves, not their templates. */
export function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec');
  if (!spec) return;
  for (const c of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) requestsFromLimits(c);
  setDefault(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const c of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
      for (const port of items(c, 'ports')) setIfZero(port, 'hostPort', port.containerPort);
    }
  }
  defaultPodSpec(spec);
}
