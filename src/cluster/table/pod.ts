import type { KubeObject } from '../../core/index.ts';
import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, num, str, type Printer } from './types.ts';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}
interface Container {
  name?: string;
  restartPolicy?: string;
}
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

/**
 * kubectl's pod printer: READY counts ready containers (sidecars included), STATUS is the phase
 * unless a container says more — `Init:1/2`, `Init:CrashLoopBackOff`, `ImagePullBackOff`,
 * `CrashLoopBackOff`, `Completed`, `Error`, `ExitCode:1`, `Terminating` — and RESTARTS adds
 * "(5m ago)" after the last restart.
 */
export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster.', 1),
    column('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
    column(
      'Nominated Node',
      'string',
      'nominatedNodeName is set only when this pod preempts other pods on the node.',
      1,
    ),
    column(
      'Readiness Gates',
      'string',
      'If specified, all readiness gates will be evaluated for pod readiness.',
      1,
    ),
  ],
  cells: podCells,
  conditions(pod) {
    const phase = field(pod, 'status', 'phase');
    if (phase === 'Succeeded')
      return [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ];
    if (phase === 'Failed')
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};

function podCells(pod: KubeObject, now: number): unknown[] {
  const spec = (pod.spec ?? {}) as {
    containers?: Container[];
    initContainers?: Container[];
    nodeName?: string;
    readinessGates?: { conditionType?: string }[];
  };
  const status = (pod.status ?? {}) as {
    phase?: string;
    reason?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    podIPs?: { ip?: string }[];
    nominatedNodeName?: string;
  };
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason = status.reason || status.phase || '';
  const conditions = status.conditions ?? [];
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  const initContainers = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const isSidecar = (name: string | undefined) => initContainers.get(name)?.restartPolicy === 'Always';
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') total++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += num(c.restartCount);
    const finished = finishedAt(c.lastState);
    if (finished > lastRestart) lastRestart = finished;
    if (isSidecar(c.name)) {
      sidecarRestarts += num(c.restartCount);
      if (finished > lastSidecarRestart) lastSidecarRestart = finished;
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && num(term.exitCode) === 0) continue;
    if (isSidecar(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : num(term.signal) !== 0
          ? `Init:Signal:${num(term.signal)}`
          : `Init:ExitCode:${num(term.exitCode)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += num(c.restartCount);
      const finished = finishedAt(c.lastState);
      if (finished > lastRestart) lastRestart = finished;
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term)
        reason = num(term.signal) !== 0 ? `Signal:${num(term.signal)}` : `ExitCode:${num(term.exitCode)}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed')
    reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`
      : String(restarts);
  const gates = spec.readinessGates ?? [];
  const gatesText =
    gates.length === 0
      ? '<none>'
      : `${gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length}/${gates.length}`;
  return [
    pod.metadata.name ?? '',
    `${ready}/${total}`,
    reason,
    restartsText,
    since(pod.metadata.creationTimestamp, now),
    str(status.podIPs?.[0]?.ip) || '<none>',
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    gatesText,
  ];
}

function finishedAt(state: ContainerState | undefined): number {
  const t = state?.terminated?.finishedAt;
  return t ? Date.parse(t) || 0 : 0;
}
