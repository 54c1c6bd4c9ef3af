/**
 * What a resource-tree node shows besides identity and health, per kind, as Argo CD's cache fills
 * it (`controller/cache/info.go`): a Pod's status reason, node, ready containers, restarts and
 * images; a ReplicaSet's revision; a Service's target labels and load-balancer ingress; an
 * Ingress's target Services and external URLs.
 */
import type { KubeObject } from '../../core/index.ts';
import { getPath, isObject } from '../object/path.ts';

export interface InfoItem {
  name: string;
  value: string;
}

export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

export interface NetworkingInfo {
  targetLabels?: Record<string, string>;
  targetRefs?: ResourceRef[];
  labels?: Record<string, string>;
  ingress?: Record<string, unknown>[];
  externalURLs?: string[];
}

export interface NodeDetails {
  info: InfoItem[];
  images: string[];
  networkingInfo: NetworkingInfo | undefined;
}

const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);
const stringMap = (v: unknown): Record<string, string> | undefined =>
  isObject(v) && Object.keys(v).length > 0 ? (v as Record<string, string>) : undefined;

/** kubectl's STATUS column, roughly: a waiting or terminated container's reason wins over the phase. */
function podReason(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  let reason =
    text(getPath(pod, ['status', 'reason'])) ?? text(getPath(pod, ['status', 'phase'])) ?? 'Unknown';
  for (const c of records(getPath(pod, ['status', 'containerStatuses']))) {
    const state = isObject(c['state']) ? c['state'] : {};
    const waiting = isObject(state['waiting']) ? state['waiting'] : undefined;
    const terminated = isObject(state['terminated']) ? state['terminated'] : undefined;
    if (typeof waiting?.['reason'] === 'string' && waiting['reason']) reason = waiting['reason'];
    else if (typeof terminated?.['reason'] === 'string' && terminated['reason'])
      reason = terminated['reason'];
  }
  return reason;
}

function podDetails(pod: KubeObject): NodeDetails {
  const statuses = records(getPath(pod, ['status', 'containerStatuses']));
  const containers = records(getPath(pod, ['spec', 'containers']));
  const ready = statuses.filter((s) => s['ready'] === true).length;
  const restarts = statuses.reduce(
    (n, s) => n + (typeof s['restartCount'] === 'number' ? s['restartCount'] : 0),
    0,
  );
  const info: InfoItem[] = [{ name: 'Status Reason', value: podReason(pod) }];
  const node = getPath(pod, ['spec', 'nodeName']);
  if (typeof node === 'string' && node) info.push({ name: 'Node', value: node });
  info.push({ name: 'Containers', value: `${ready}/${containers.length}` });
  if (restarts > 0) info.push({ name: 'Restart Count', value: String(restarts) });
  const images = [...records(getPath(pod, ['spec', 'initContainers'])), ...containers].flatMap((c) =>
    typeof c['image'] === 'string' ? [c['image']] : [],
  );
  const labels = stringMap(pod.metadata.labels);
  return { info, images: [...new Set(images)], networkingInfo: labels ? { labels } : undefined };
}

function ingressDetails(ing: KubeObject): NodeDetails {
  const ns = ing.metadata.namespace ?? '';
  const targets = new Map<string, ResourceRef>();
  const addService = (backend: unknown) => {
    const name = getPath(backend, ['service', 'name']) ?? getPath(backend, ['serviceName']);
    if (typeof name === 'string' && name)
      targets.set(name, { group: '', version: '', kind: 'Service', namespace: ns, name, uid: '' });
  };
  addService(getPath(ing, ['spec', 'defaultBackend']) ?? getPath(ing, ['spec', 'backend']));
  const urls = new Set<string>();
  const tlsHosts = new Set<unknown>(
    records(getPath(ing, ['spec', 'tls'])).flatMap((t): unknown[] =>
      Array.isArray(t['hosts']) ? t['hosts'] : [],
    ),
  );
  for (const rule of records(getPath(ing, ['spec', 'rules']))) {
    const host = typeof rule['host'] === 'string' ? rule['host'] : '';
    for (const p of records(getPath(rule, ['http', 'paths']))) {
      addService(p['backend']);
      if (host)
        urls.add(
          `${tlsHosts.has(host) ? 'https' : 'http'}://${host}${typeof p['path'] === 'string' ? p['path'] : ''}`,
        );
    }
  }
  const ingress = records(getPath(ing, ['status', 'loadBalancer', 'ingress']));
  return {
    info: [],
    images: [],
    networkingInfo: {
      targetRefs: [...targets.values()],
      ...(ingress.length > 0 && { ingress }),
      ...(urls.size > 0 && { externalURLs: [...urls].sort() }),
    },
  };
}

function serviceDetails(svc: KubeObject): NodeDetails {
  const selector = stringMap(getPath(svc, ['spec', 'selector']));
  const ingress = records(getPath(svc, ['status', 'loadBalancer', 'ingress']));
  const networkingInfo: NetworkingInfo = {
    ...(selector && { targetLabels: selector }),
    ...(ingress.length > 0 && { ingress }),
  };
  return {
    info: [],
    images: [],
    networkingInfo: Object.keys(networkingInfo).length > 0 ? networkingInfo : undefined,
  };
}

export function nodeDetails(obj: KubeObject, group: string): NodeDetails {
  if (group === '' && obj.kind === 'Pod') return podDetails(obj);
  if (group === '' && obj.kind === 'Service') return serviceDetails(obj);
  if ((group === 'networking.k8s.io' || group === 'extensions') && obj.kind === 'Ingress')
    return ingressDetails(obj);
  if (group === 'apps' && obj.kind === 'ReplicaSet') {
    const rev = obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
    return {
      info: rev ? [{ name: 'Revision', value: `Rev:${rev}` }] : [],
      images: [],
      networkingInfo: undefined,
    };
  }
  return { info: [], images: [], networkingInfo: undefined };
}
