import { arch, release } from 'node:os';
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { versionInfo } from '../discovery/version.ts';
import { microTime, rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import { LEASE, NODE } from './shared/kinds.ts';

const MANAGER = 'kubelet';
const LEASE_SECONDS = 40;
const RENEW_MS = 10_000;

/** The name of simulated node `i` (0-based). */
export const nodeName = (i: number): string => `capstan-node-${i + 1}`;
/** A node's InternalIP, as on a kind network. */
export const nodeIp = (i: number): string => `172.18.0.${i + 2}`;
/** A node's pod CIDR: a /16 each, so a single node can hold thousands of pods. */
export const podCidr = (i: number): string => `10.${244 + i}.0.0/16`;

/**
 * The simulated kubelets' Nodes: created Ready on start (kept if they exist, so a restart keeps
 * their uids), with capacity, addresses and nodeInfo like kwok's `node-initialize` stage, and a
 * Lease in `kube-node-lease` renewed every 10 s like a kubelet's heartbeat.
 */
export async function startNodes(ctx: ControllerContext): Promise<void> {
  for (let i = 0; i < ctx.sim.nodes; i++) {
    const name = nodeName(i);
    try {
      await ctx.api.get(NODE, { name });
    } catch (err) {
      if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
      await ctx.api.create(nodeObject(i, ctx.now()), { fieldManager: MANAGER });
    }
  }
  const renew = async () => {
    for (let i = 0; i < ctx.sim.nodes; i++) await renewLease(ctx, nodeName(i)).catch(() => {});
  };
  await renew();
  let cancel = ctx.clock.after(RENEW_MS, function tick() {
    void renew().finally(() => {
      if (!ctx.stopped) cancel = ctx.clock.after(RENEW_MS, tick);
    });
  });
  ctx.onStop(() => cancel());
}

async function renewLease(ctx: ControllerContext, name: string): Promise<void> {
  const node = await ctx.api.get(NODE, { name });
  const now = microTime(ctx.now());
  try {
    const lease = await ctx.api.get(LEASE, { namespace: 'kube-node-lease', name });
    (lease['spec'] as Record<string, unknown>)['renewTime'] = now;
    await ctx.api.update(lease, { fieldManager: MANAGER });
  } catch (err) {
    if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
    await ctx.api.create(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }],
        },
        spec: { holderIdentity: name, leaseDurationSeconds: LEASE_SECONDS, renewTime: now },
      },
      { fieldManager: MANAGER },
    );
  }
}

function nodeObject(i: number, now: number): KubeObject {
  const name = nodeName(i);
  const t = rfc3339(now);
  const id = createHash('sha256').update(name).digest('hex');
  const goArch = arch() === 'x64' ? 'amd64' : arch();
  const resources = { cpu: '8', 'ephemeral-storage': '102400000Ki', memory: '16384000Ki', pods: '110' };
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': goArch,
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': goArch,
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: podCidr(i), podCIDRs: [podCidr(i)], providerID: `capstan://${name}` },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        cond(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIp(i) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: id.slice(0, 32),
        systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
        bootID: id.slice(32, 64),
        kernelVersion: release(),
        osImage: 'Capstan simulated node',
        containerRuntimeVersion: 'containerd://1.7.18',
        kubeletVersion: versionInfo()['gitVersion'],
        kubeProxyVersion: versionInfo()['gitVersion'],
        operatingSystem: 'linux',
        architecture: goArch,
      },
      images: [],
    },
  };
}
