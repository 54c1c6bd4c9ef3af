/**
 * Known defaults the API server fills in, for the legacy (client-side) diff where no dry-run tells
 * what the server would store. Filled into both sides of a comparison, so `imagePullPolicy` left
 * out in Git and `IfNotPresent` in the cluster compare equal, while a value set differently in Git
 * still shows. Values from kubernetes `pkg/apis/<group>/v1/defaults.go`.
 */
import type { KubeObject } from '../../core/index.ts';
import { groupKindOf } from '../object/key.ts';
import { getPath, isObject, type JsonObject, type Path } from '../object/path.ts';
import { cloneJson } from './normalize.ts';

function fill(obj: unknown, defaults: JsonObject): void {
  if (!isObject(obj)) return;
  for (const [k, v] of Object.entries(defaults)) {
    if (obj[k] === undefined) obj[k] = cloneJson(v);
    else if (isObject(v) && isObject(obj[k])) fill(obj[k], v);
  }
}

function eachItem(list: unknown, fn: (item: JsonObject) => void): void {
  if (Array.isArray(list)) for (const item of list) if (isObject(item)) fn(item);
}

function container(c: JsonObject): void {
  const image = typeof c['image'] === 'string' ? c['image'] : '';
  const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
  fill(c, {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent',
  });
  eachItem(c['ports'], (p) => fill(p, { protocol: 'TCP' }));
}

function podSpec(spec: unknown): void {
  if (!isObject(spec)) return;
  fill(spec, {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: {},
  });
  eachItem(spec['containers'], container);
  eachItem(spec['initContainers'], container);
}

const podSpecPaths: Record<string, Path> = {
  Pod: ['spec'],
  'apps/Deployment': ['spec', 'template', 'spec'],
  'apps/StatefulSet': ['spec', 'template', 'spec'],
  'apps/DaemonSet': ['spec', 'template', 'spec'],
  'apps/ReplicaSet': ['spec', 'template', 'spec'],
  'batch/Job': ['spec', 'template', 'spec'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const workloadDefaults: Record<string, JsonObject> = {
  'apps/Deployment': {
    replicas: 1,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  },
  'apps/StatefulSet': {
    replicas: 1,
    podManagementPolicy: 'OrderedReady',
    revisionHistoryLimit: 10,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
  },
  'apps/DaemonSet': {
    revisionHistoryLimit: 10,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  },
};

/** Fills known server defaults into `obj` in place. */
export function applyKnownDefaults(obj: KubeObject): void {
  const gk = groupKindOf(obj);
  const spec = obj['spec'];
  const workload = workloadDefaults[gk];
  if (workload) fill(spec, workload);
  const path = podSpecPaths[gk];
  if (path) podSpec(getPath(obj, path));
  if (gk === 'Service' && isObject(spec)) {
    fill(spec, { type: 'ClusterIP', sessionAffinity: 'None' });
    eachItem(spec['ports'], (p) => fill(p, { protocol: 'TCP', targetPort: p['port'] }));
  }
}
