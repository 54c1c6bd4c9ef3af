// The simulated control plane of the embedded cluster, driven by real kubectl: workloads roll
// out, fail and finish exactly as kubectl shows them on a real cluster. One cluster (two
// nodes, fast pace) serves every test; each test has its own namespace and kubectl HOME.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { deployment, eventually, job, namespaced, tableRows } from './support/workloads.ts';

let cluster: TestCluster;
before(async () => {
  cluster = await startTestCluster(undefined, { nodes: 2, podStartDelayMs: 100, pace: 0.02 });
});
after(() => cluster.close());

interface Status {
  status?: Record<string, unknown> & {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}
type Obj = KubeObject & Status;
const condition = (o: Obj, type: string) => o.status?.conditions?.find((c) => c.type === type);

describe('simulated workloads through kubectl', { concurrency: true }, () => {
  it('rolls a Deployment out, updates it to a second ReplicaSet, undoes and scales it', async () => {
    const k = await namespaced(cluster, 'rollout');
    await k.create(deployment('web', 'nginx:1.27', 2));
    assert.match(
      await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']),
      /deployment "web" successfully rolled out/,
    );
    await k.ok(['wait', '--for=condition=Available', 'deploy/web', '--timeout=60s']);
    const first = await k.json<Obj>(['get', 'deploy', 'web']);
    assert.equal(condition(first, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.match(
      condition(first, 'Progressing')?.message ?? '',
      /^ReplicaSet "web-[bcdfghjklmnpqrstvwxz2456789]+" has successfully progressed\.$/,
    );
    assert.equal(condition(first, 'Available')?.reason, 'MinimumReplicasAvailable');
    assert.deepEqual(
      [
        first.status?.['replicas'],
        first.status?.['updatedReplicas'],
        first.status?.['readyReplicas'],
        first.status?.['availableReplicas'],
      ],
      [2, 2, 2, 2],
    );

    // `kubectl set image` needs strategic merge patch; a JSON patch changes the template the same way.
    await k.ok([
      'patch',
      'deploy/web',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]',
    ]);
    assert.match(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']), /successfully rolled out/);
    const sets = await k.json<{ items: Obj[] }>(['get', 'rs']);
    assert.equal(sets.items.length, 2, 'one ReplicaSet per template revision');
    const byRevision = new Map(
      sets.items.map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs]),
    );
    const [oldRs, newRs] = [byRevision.get('1')!, byRevision.get('2')!];
    assert.equal((oldRs.spec as { replicas: number }).replicas, 0);
    assert.equal(newRs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '2');
    assert.equal(newRs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '3');
    const hash = newRs.metadata.labels?.['pod-template-hash'];
    assert.equal(newRs.metadata.name, `web-${hash}`);
    await eventually('old pods to go', async () => {
      const pods = await k.json<{ items: Obj[] }>(['get', 'pods']);
      return (
        pods.items.length === 2 && pods.items.every((p) => p.metadata.labels?.['pod-template-hash'] === hash)
      );
    });
    assert.match(await k.ok(['rollout', 'history', 'deploy/web']), /1\s+<none>\s+2\s+<none>/);

    // kubectl rollout undo sends a JSON patch of the old template: revision 1 comes back as 3.
    await k.ok(['rollout', 'undo', 'deploy/web']);
    assert.match(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']), /successfully rolled out/);
    const undone = await k.json<Obj>(['get', 'deploy', 'web']);
    assert.equal(undone.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    const restored = await k.json<Obj>(['get', 'rs', oldRs.metadata.name!]);
    assert.equal((restored.spec as { replicas: number }).replicas, 2);
    assert.equal(restored.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');

    await k.ok(['scale', 'deploy/web', '--replicas=4']);
    await eventually('4/4 ready', async () => {
      const [row] = tableRows(await k.ok(['get', 'deploy', 'web']));
      return row?.[1] === '4/4' && row[2] === '4' && row[3] === '4';
    });
    const described = await k.ok(['describe', 'deploy', 'web']);
    assert.match(described, /ScalingReplicaSet\s+.*Scaled up replica set web-\w+ from 0 to 2/);
    assert.match(described, /Scaled up replica set web-\w+ to 4 from 2/);
    assert.match(described, /NewReplicaSetAvailable/);
  });

  it('reports a stuck rollout past its progress deadline, holds a paused one, recreates without overlap, trims history', async () => {
    const k = await namespaced(cluster, 'rollout-edges');
    await k.create(
      deployment('stuck', 'registry.invalid/app:1', 1, { progressDeadlineSeconds: 1 }),
      deployment('held', 'nginx:1.27', 1, { paused: true }),
      deployment('swap', 'nginx:1.27', 2, { strategy: { type: 'Recreate' } }),
      deployment('trim', 'nginx:1.27', 1, { revisionHistoryLimit: 1 }),
    );
    const status = await k.run(['rollout', 'status', 'deploy/stuck', '--timeout=60s']);
    assert.notEqual(status.code, 0);
    assert.match(status.stderr, /deployment "stuck" exceeded its progress deadline/);
    const stuck = await k.json<Obj>(['get', 'deploy', 'stuck']);
    assert.equal(condition(stuck, 'Progressing')?.status, 'False');
    assert.match(
      condition(stuck, 'Progressing')?.message ?? '',
      /^ReplicaSet "stuck-\w+" has timed out progressing\.$/,
    );

    await eventually(
      'the paused condition',
      async () =>
        condition(await k.json<Obj>(['get', 'deploy', 'held']), 'Progressing')?.reason === 'DeploymentPaused',
    );
    assert.equal(
      (await k.json<{ items: Obj[] }>(['get', 'rs', '-l', 'app=held'])).items.length,
      0,
      'a paused Deployment starts no rollout',
    );
    await k.ok([
      'patch',
      'deploy/held',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/paused","value":false}]',
    ]);
    await k.ok(['rollout', 'status', 'deploy/held', '--timeout=60s']);

    await k.ok(['rollout', 'status', 'deploy/swap', '--timeout=60s']);
    const hashes = new Set<string>();
    let overlap = false;
    const live = new Map<string, string>();
    const watch = cluster.api.watch(
      { apiVersion: 'v1', kind: 'Pod' },
      { namespace: 'rollout-edges', labelSelector: 'app=swap' },
    );
    const watching = (async () => {
      for await (const e of watch) {
        const hash = e.object.metadata.labels?.['pod-template-hash'] ?? '';
        hashes.add(hash);
        if (e.type === 'DELETED') live.delete(e.object.metadata.name!);
        else live.set(e.object.metadata.name!, hash);
        if (new Set(live.values()).size > 1) overlap = true;
      }
    })();
    try {
      await k.ok([
        'patch',
        'deploy/swap',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]',
      ]);
      await k.ok(['rollout', 'status', 'deploy/swap', '--timeout=60s']);
    } finally {
      watch.close();
      await watching;
    }
    assert.equal(hashes.size, 2);
    assert.equal(overlap, false, 'Recreate never runs old and new pods together');

    for (const tag of ['1.28', '1.29', '1.30']) {
      await k.ok([
        'patch',
        'deploy/trim',
        '--type=json',
        '-p',
        `[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:${tag}"}]`,
      ]);
      await k.ok(['rollout', 'status', 'deploy/trim', '--timeout=60s']);
    }
    await eventually('revisionHistoryLimit keeps one old ReplicaSet', async () => {
      const revisions = (await k.json<{ items: Obj[] }>(['get', 'rs', '-l', 'app=trim'])).items.map(
        (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
      );
      return revisions.sort().join() === '3,4';
    });
  });

  it('shows failure modes in kubectl get pods as a real cluster does', async () => {
    const k = await namespaced(cluster, 'failures');
    await k.create(
      deployment('nopull', 'registry.invalid/team/app:1.0', 1),
      deployment('crash', 'busybox:crashloop', 1),
      job('boom', 'busybox:fail', { backoffLimit: 0 }),
      job('works', 'busybox:1.36', { completions: 2, parallelism: 1 }),
    );
    const status = async () => {
      const rows = tableRows(await k.ok(['get', 'pods']));
      return (prefix: string) => rows.filter((r) => r[0]!.startsWith(prefix));
    };
    await eventually('ImagePullBackOff', async () =>
      (await status())('nopull').some((r) => r[2] === 'ImagePullBackOff'),
    );
    await eventually('CrashLoopBackOff with restarts growing', async () => {
      const [row] = (await status())('crash');
      return row?.[2] === 'CrashLoopBackOff' && Number(row[3]!.split(' ')[0]) >= 2;
    });
    await eventually('a failed Job pod shows Error', async () =>
      (await status())('boom').some((r) => r[1] === '0/1' && r[2] === 'Error'),
    );
    await k.ok(['wait', '--for=condition=complete', 'job/works', '--timeout=60s']);
    const done = (await status())('works');
    assert.equal(done.length, 2);
    assert.ok(
      done.every((r) => r[2] === 'Completed'),
      JSON.stringify(done),
    );

    const failed = await k.json<Obj>(['get', 'job', 'boom']);
    assert.equal(condition(failed, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(condition(failed, 'Failed')?.message, 'Job has reached the specified backoff limit');
    const works = await k.json<Obj>(['get', 'job', 'works']);
    assert.equal(condition(works, 'SuccessCriteriaMet')?.status, 'True');
    assert.equal(condition(works, 'Complete')?.reason, 'CompletionsReached');
    assert.equal(works.status?.['succeeded'], 2);
    assert.ok(works.status?.['startTime'] && works.status['completionTime']);
    assert.match(await k.ok(['get', 'job', 'works']), /works\s+Complete\s+2\/2/);

    const pullPod = (await status())('nopull')[0]![0]!;
    const describedPull = await k.ok(['describe', 'pod', pullPod]);
    assert.match(
      describedPull,
      /Failed to pull image "registry\.invalid\/team\/app:1\.0": failed to pull and unpack image/,
    );
    assert.match(describedPull, /Back-off pulling image "registry\.invalid\/team\/app:1\.0"/);
    assert.match(
      describedPull,
      /Scheduled\s+.*Successfully assigned failures\/nopull-\w+-\w+ to capstan-node-\d/,
    );
    const pod = await k.json<Obj>(['get', 'pod', pullPod]);
    const cs = (
      pod.status?.['containerStatuses'] as { state: { waiting?: { reason: string; message?: string } } }[]
    )[0]!;
    assert.match(cs.state.waiting?.reason ?? '', /^(ErrImagePull|ImagePullBackOff)$/);
    const events = await k.ok(['get', 'events']);
    assert.match(events, /Error: ErrImagePull/);
    assert.match(events, /Back-off restarting failed container main in pod crash-/);
    const broken = await k.json<Obj>(['get', 'deploy', 'nopull']);
    assert.equal(condition(broken, 'Available')?.reason, 'MinimumReplicasUnavailable');
    assert.equal(condition(broken, 'Progressing')?.reason, 'ReplicaSetUpdated');
  });

  it('creates StatefulSet pods in order with their claims and updates them from the highest ordinal', async () => {
    const k = await namespaced(cluster, 'stateful');
    const order: string[] = [];
    const ready = new Set<string>();
    const violations: string[] = [];
    const watch = cluster.api.watch({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'stateful' });
    const watching = (async () => {
      for await (const e of watch) {
        const name = e.object.metadata.name ?? '';
        const ordinal = Number(name.split('-').at(-1));
        if (e.type === 'ADDED') {
          order.push(`+${name}`);
          if (ordinal > 0 && !ready.has(`db-${ordinal - 1}`))
            violations.push(`${name} created before db-${ordinal - 1} was ready`);
        }
        if (e.type === 'DELETED') order.push(`-${name}`);
        const isReady = (e.object.status as Status['status'])?.conditions?.some(
          (c) => c.type === 'Ready' && c.status === 'True',
        );
        if (e.type !== 'DELETED' && isReady) ready.add(name);
        else ready.delete(name);
      }
    })();
    try {
      await k.create({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 3,
          // Server-side defaulting (issue 4) sets these; kubectl's rollout status insists on them.
          podManagementPolicy: 'OrderedReady',
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'pg', image: 'postgres:16' }] },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      });
      assert.match(
        await k.ok(['rollout', 'status', 'sts/db', '--timeout=60s']),
        /partitioned roll out complete: 3 new pods have been updated/,
      );
      assert.deepEqual(order, ['+db-0', '+db-1', '+db-2']);
      assert.deepEqual(violations, []);
      const claims = tableRows(await k.ok(['get', 'pvc']));
      assert.deepEqual(
        claims.map((r) => [r[0], r[1]]),
        [
          ['data-db-0', 'Bound'],
          ['data-db-1', 'Bound'],
          ['data-db-2', 'Bound'],
        ],
      );
      const pod0 = await k.json<Obj>(['get', 'pod', 'db-0']);
      assert.equal((pod0.spec as { hostname?: string }).hostname, 'db-0');
      assert.equal(pod0.metadata.labels?.['apps.kubernetes.io/pod-index'], '0');

      order.length = 0;
      await k.ok([
        'patch',
        'sts/db',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"postgres:17"}]',
      ]);
      assert.match(
        await k.ok(['rollout', 'status', 'sts/db', '--timeout=60s']),
        /partitioned roll out complete: 3 new pods have been updated/,
      );
      assert.deepEqual(
        order.filter((e) => e.startsWith('-')),
        ['-db-2', '-db-1', '-db-0'],
      );
      const set = await k.json<Obj>(['get', 'sts', 'db']);
      assert.equal(set.status?.['currentRevision'], set.status?.['updateRevision']);
      const revisions = await k.json<{ items: Obj[] }>(['get', 'controllerrevisions']);
      assert.equal(revisions.items.length, 2);
      assert.ok(
        revisions.items.some(
          (r) => r.metadata.name === set.status?.['updateRevision'] && r['revision'] === 2,
        ),
      );

      await k.ok(['scale', 'sts/db', '--replicas=1']);
      await eventually(
        'scaled down to db-0',
        async () =>
          tableRows(await k.ok(['get', 'pods']))
            .map((r) => r[0])
            .join() === 'db-0',
      );
      assert.equal(tableRows(await k.ok(['get', 'pvc'])).length, 3, 'claims are retained by default');
    } finally {
      watch.close();
      await watching;
    }
  });

  it('runs one DaemonSet pod per node and reports its counters', async () => {
    const k = await namespaced(cluster, 'daemons');
    await k.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'fluent-bit:3' }] },
        },
      },
    });
    assert.match(
      await k.ok(['rollout', 'status', 'ds/agent', '--timeout=60s']),
      /daemon set "agent" successfully rolled out/,
    );
    const pods = await k.json<{ items: Obj[] }>(['get', 'pods']);
    const nodes = pods.items.map((p) => (p.spec as { nodeName: string }).nodeName).sort();
    assert.deepEqual(nodes, ['capstan-node-1', 'capstan-node-2']);
    const ds = await k.json<Obj>(['get', 'ds', 'agent']);
    for (const f of [
      'desiredNumberScheduled',
      'currentNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
    ])
      assert.equal(ds.status?.[f], 2, f);
    assert.equal(ds.status?.['observedGeneration'], ds.metadata.generation);
  });

  it('publishes Service endpoints, load-balancer and ingress addresses, and binds claims', async () => {
    const k = await namespaced(cluster, 'network');
    await k.create(
      deployment('api', 'ghcr.io/acme/api:2', 2),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { selector: { app: 'api' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'edge' },
        spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443, targetPort: 8080 }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'api' },
        spec: {
          rules: [
            {
              host: 'api.example.com',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'api', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'cache' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
      },
    );
    await k.ok(['rollout', 'status', 'deploy/api', '--timeout=60s']);
    const pods = await k.json<{ items: Obj[] }>(['get', 'pods']);
    const ips = pods.items.map((p) => p.status?.['podIP'] as string).sort();
    const ep = await eventually('endpoints with both pods', async () => {
      const e = await k.json<{
        subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[];
      }>(['get', 'endpoints', 'api']);
      return e.subsets?.[0]?.addresses?.length === 2 ? e : undefined;
    });
    assert.deepEqual(ep.subsets![0]!.addresses!.map((a) => a.ip).sort(), ips);
    assert.deepEqual(ep.subsets![0]!.ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
    const slices = await k.json<{
      items: {
        endpoints: { addresses: string[]; conditions: { ready: boolean } }[];
        metadata: Obj['metadata'];
      }[];
    }>(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api']);
    assert.equal(slices.items.length, 1);
    assert.deepEqual(slices.items[0]!.endpoints.map((e) => e.addresses[0]).sort(), ips);
    assert.ok(slices.items[0]!.endpoints.every((e) => e.conditions.ready));
    assert.equal(slices.items[0]!.metadata.ownerReferences?.[0]?.kind, 'Service');

    const lb = await eventually('a load-balancer IP', async () => {
      const svc = await k.json<Obj>(['get', 'svc', 'edge']);
      return (svc.status?.['loadBalancer'] as { ingress?: { ip: string }[] } | undefined)?.ingress?.[0]?.ip;
    });
    assert.match(lb, /^172\.18\.255\.\d+$/);
    assert.match(await k.ok(['get', 'svc', 'edge']), new RegExp(lb.replace(/\./g, '\\.')));
    await eventually('ingress address', async () => {
      const ing = await k.json<Obj>(['get', 'ingress', 'api']);
      return (ing.status?.['loadBalancer'] as { ingress?: unknown[] } | undefined)?.ingress?.length === 1;
    });
    const claim = await eventually('claim Bound', async () => {
      const c = await k.json<Obj>(['get', 'pvc', 'cache']);
      return c.status?.['phase'] === 'Bound' ? c : undefined;
    });
    const volume = (claim.spec as { volumeName: string; storageClassName: string }).volumeName;
    assert.equal(volume, `pvc-${claim.metadata.uid}`);
    assert.equal((claim.spec as { storageClassName: string }).storageClassName, 'standard');
    const pv = await k.json<Obj>(['get', 'pv', volume]);
    assert.equal(pv.status?.['phase'], 'Bound');
    assert.match(
      await k.ok(['describe', 'pvc', 'cache']),
      /ProvisioningSucceeded\s+.*Successfully provisioned volume pvc-/,
    );
    const sc = await k.json<Obj>(['get', 'storageclass', 'standard']);
    assert.equal(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  });

  it('keeps a standalone ReplicaSet at its replica count', async () => {
    const k = await namespaced(cluster, 'replicasets');
    await k.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'cache' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'cache' } },
        template: {
          metadata: { labels: { app: 'cache' } },
          spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
        },
      },
    });
    const ready = (n: number) => async () => {
      const [row] = tableRows(await k.ok(['get', 'rs', 'cache']));
      return row?.slice(1, 4).join(' ') === `${n} ${n} ${n}`;
    };
    await eventually('2 ready', ready(2));
    const [victim] = tableRows(await k.ok(['get', 'pods']));
    await k.ok(['delete', 'pod', victim![0]!, '--wait=false']);
    await eventually('a replacement', async () => {
      const pods = tableRows(await k.ok(['get', 'pods']));
      return pods.filter((r) => r[2] === 'Running' && r[0] !== victim![0]).length === 2;
    });
    await k.ok(['scale', 'rs/cache', '--replicas=3']);
    await eventually('3 ready', ready(3));
    assert.match(await k.ok(['describe', 'rs', 'cache']), /SuccessfulCreate\s+.*Created pod: cache-\w+/);
  });

  it('keeps an autoscaled Deployment within the HorizontalPodAutoscaler bounds', async () => {
    const k = await namespaced(cluster, 'autoscale');
    await k.create(deployment('svc', 'nginx:1.27', 1), {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'svc' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'svc' },
        minReplicas: 3,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ],
      },
    });
    await eventually('the Deployment scaled to the minimum', async () => {
      const d = await k.json<Obj>(['get', 'deploy', 'svc']);
      return d.status?.['readyReplicas'] === 3;
    });
    const hpa = await eventually('HPA status', async () => {
      const h = await k.json<Obj>(['get', 'hpa', 'svc']);
      return h.status?.['currentReplicas'] === 3 ? h : undefined;
    });
    assert.equal(hpa.status?.['desiredReplicas'], 3);
    assert.match(
      await k.ok(['describe', 'hpa', 'svc']),
      /SuccessfulRescale\s+.*New size: 3; reason: Current number of replicas below Spec\.MinReplicas/,
    );
  });
});
