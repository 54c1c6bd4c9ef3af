/**
 * core/Pod, as gitops-engine health_pod.go. Container errors (`ImagePullBackOff`, `CrashLoopBackOff`,
 * `ErrImagePull`, `CreateContainerConfigError`) mark a Pod Degraded only when it restarts forever:
 * a hook Pod (`restartPolicy: Never`) that waits for an image must not fail its phase early.
 */
import type { KubeObject } from '../../../core/index.ts';
import { ARGO_HOOK, ARGO_IGNORE_RESTART_POLICY, HELM_HOOK } from '../../object/annotations.ts';
import { hasCondition } from '../../object/conditions.ts';
import { getPath, isObject, stringAt } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

interface ContainerStatus {
  name?: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { reason?: string; message?: string; exitCode?: number };
  };
  lastState?: { terminated?: unknown };
}

function statuses(obj: KubeObject, field: string): ContainerStatus[] {
  const v = getPath(obj, ['status', field]);
  return Array.isArray(v) ? v.filter(isObject) : [];
}

function isWaitingError(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

function failMessage(c: ContainerStatus): string {
  const t = c.state?.terminated;
  if (!t) return '';
  if (t.message) return t.message;
  if (t.reason === 'OOMKilled') return t.reason;
  if (t.exitCode !== undefined && t.exitCode !== 0) {
    return `container ${JSON.stringify(c.name ?? '')} failed with exit code ${t.exitCode}`;
  }
  return '';
}

function restartsForever(obj: KubeObject, policy: string): boolean {
  if (policy === 'Always') return true;
  const a = obj.metadata.annotations ?? {};
  const isHook = ARGO_HOOK in a || (HELM_HOOK in a && a[HELM_HOOK] !== 'crd-install');
  return !isHook && a[ARGO_IGNORE_RESTART_POLICY] === 'true';
}

export function podHealth(obj: KubeObject): HealthStatus {
  const policy = stringAt(obj, ['spec', 'restartPolicy']);
  const message = stringAt(obj, ['status', 'message']);
  const containers = statuses(obj, 'containerStatuses');
  if (restartsForever(obj, policy)) {
    const errors = containers
      .map((c) => c.state?.waiting)
      .filter((w) => w !== undefined && isWaitingError(w.reason ?? ''))
      .map((w) => w?.message ?? '');
    if (errors.length > 0) return health('Degraded', errors.join(', '));
  }
  switch (stringAt(obj, ['status', 'phase'])) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed': {
      if (message) return health('Degraded', message);
      for (const c of [...statuses(obj, 'initContainerStatuses'), ...containers]) {
        const m = failMessage(c);
        if (m) return health('Degraded', m);
      }
      return health('Degraded');
    }
    case 'Running':
      if (policy === 'Always') {
        if (hasCondition(obj, 'Ready', 'True')) return health('Healthy', message);
        if (containers.some((c) => c.lastState?.terminated !== undefined)) return health('Degraded', message);
        return health('Progressing', message);
      }
      // OnFailure/Never pods have a finite life (usually hooks): running is progress, not health.
      if (policy === 'OnFailure' || policy === 'Never') return health('Progressing', message);
  }
  return health('Unknown', message);
}
