import type { Logger } from '../../core/index.ts';
import type { ClusterApi } from '../api/types.ts';
import { startCronJobController } from './cronjob.ts';
import { startDaemonSetController } from './daemonset.ts';
import { startDeploymentController } from './deployment.ts';
import { startEndpointsController } from './endpoints.ts';
import { startEndpointSliceController } from './endpointslice.ts';
import { startHpaController } from './hpa.ts';
import { startIngressController } from './ingress.ts';
import { startJobController } from './job.ts';
import { startServiceLoadBalancer } from './service-lb.ts';
import { startStatefulSetController } from './statefulset.ts';
import { ensureDefaultStorageClass, startVolumeController } from './volume.ts';
import { startGarbageCollector } from './garbage-collector.ts';
import { startKubelet } from './kubelet.ts';
import { gracefulDeletion } from './kubelet/termination.ts';
import { ControllerContext, type SimulationOptions } from './loop/context.ts';
import { startNodes } from './node.ts';
import { startReplicaSetController } from './replicaset.ts';
import { schedulePods, startScheduler } from './scheduler.ts';

export interface ControllersOptions extends SimulationOptions {
  /** The workload simulation: nodes, scheduler, kubelet and the workload controllers. */
  workloads: boolean;
  garbageCollector: boolean;
  logger: Logger;
}

/**
 * Starts the simulated control plane on the server's own API (its watch and write methods, so
 * controllers see and cause the same events and admission as any client). Returns a stop
 * function. Nodes (and the default StorageClass) exist when it resolves.
 */
export async function startControllers(api: ClusterApi, options: ControllersOptions): Promise<() => void> {
  const ctx = new ControllerContext(api, options, options.logger.child({ component: 'controllers' }));
  const steps: string[] = [];
  try {
    if (options.garbageCollector) startGarbageCollector(ctx);
    if (options.workloads) {
      for (const step of [schedulePods(options.nodes), gracefulDeletion(options.nodes)]) {
        api.admission.add(step);
        steps.push(step.name);
      }
      await startNodes(ctx);
      startScheduler(ctx);
      startKubelet(ctx);
      startReplicaSetController(ctx);
      startDeploymentController(ctx);
      startStatefulSetController(ctx);
      startDaemonSetController(ctx);
      startJobController(ctx);
      startCronJobController(ctx);
      startHpaController(ctx);
      startServiceLoadBalancer(ctx);
      startEndpointsController(ctx);
      startEndpointSliceController(ctx);
      startIngressController(ctx);
      await ensureDefaultStorageClass(ctx);
      startVolumeController(ctx);
    }
  } catch (err) {
    ctx.stop();
    throw err;
  }
  return () => {
    ctx.stop();
    for (const s of steps) api.admission.remove(s);
  };
}
