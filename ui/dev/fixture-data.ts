// Fake objects for the dev fixture (a development aid: `CAPSTAN_UI_FIXTURE=1 npm run dev:ui`).
// Never used by tests: those run the UI against the real server.
import type {
  Application,
  ApplicationTree,
  GitRepository,
  Kustomization,
  ResourceDiff,
  ResourceNode,
} from '../src/api/types.ts';

const SHA = 'a3f9c2e8b1d04f6e9c7a5b3d2e1f0a9b8c7d6e5f';
const HEALTH = [
  'Healthy',
  'Healthy',
  'Healthy',
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
] as const;
const TEAMS = ['payments', 'search', 'web', 'data', 'infra'];
const now = (): string => new Date().toISOString();

export function makeApp(i: number): Application {
  const team = TEAMS[i % TEAMS.length]!;
  const name = i === 0 ? 'guestbook' : `${team}-svc-${String(i).padStart(4, '0')}`;
  const health = i === 0 ? 'Healthy' : HEALTH[i % HEALTH.length]!;
  const outOfSync = i === 0 || i % 7 === 3;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: 'argocd',
      uid: `uid-${i}`,
      resourceVersion: String(1000 + i),
      labels: { team, env: i % 2 ? 'prod' : 'staging' },
      creationTimestamp: '2026-08-01T09:00:00Z',
    },
    spec: {
      project: i % 3 === 0 ? 'default' : team,
      source: { repoURL: 'http://localhost:8080/git/demo.git', path: `apps/${name}`, targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: i % 4 === 0 ? { automated: { prune: true, selfHeal: true } } : {},
    },
    status: {
      sync: { status: outOfSync ? 'OutOfSync' : 'Synced', revision: SHA },
      health: {
        status: health,
        ...(health === 'Degraded' ? { message: `Deployment "${name}" exceeded its progress deadline` } : {}),
      },
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: name,
          name,
          status: outOfSync ? 'OutOfSync' : 'Synced',
          health: { status: health },
        },
        {
          version: 'v1',
          kind: 'Service',
          namespace: name,
          name,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        { version: 'v1', kind: 'ConfigMap', namespace: name, name: `${name}-config`, status: 'Synced' },
        {
          version: 'v1',
          kind: 'Secret',
          namespace: name,
          name: `${name}-creds`,
          status: outOfSync ? 'OutOfSync' : 'Synced',
        },
      ],
      history: [
        {
          id: 1,
          revision: '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c',
          deployedAt: '2026-07-30T10:00:00Z',
          initiatedBy: { username: 'admin' },
        },
        { id: 2, revision: SHA, deployedAt: '2026-08-01T10:00:00Z', initiatedBy: { automated: true } },
      ],
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-08-01T10:00:00Z',
        finishedAt: '2026-08-01T10:00:04Z',
      },
      summary: { images: ['nginx:1.27'] },
      reconciledAt: now(),
    },
  };
}

export function makeTree(app: Application): ApplicationTree {
  const ns = app.spec.destination.namespace ?? '';
  const name = app.metadata.name;
  const health = app.status?.health?.status ?? 'Healthy';
  const node = (n: Partial<ResourceNode> & { kind: string; name: string; uid: string }): ResourceNode => ({
    version: 'v1',
    namespace: ns,
    createdAt: '2026-08-01T09:00:00Z',
    ...n,
  });
  const nodes: ResourceNode[] = [
    node({
      group: 'apps',
      kind: 'Deployment',
      name,
      uid: `${name}-d`,
      health: { status: health },
      info: [{ name: 'Revision', value: 'Rev:2' }],
      images: ['nginx:1.27'],
    }),
    node({
      group: 'apps',
      kind: 'ReplicaSet',
      name: `${name}-7d9c`,
      uid: `${name}-rs`,
      health: { status: health },
      parentRefs: [{ group: 'apps', kind: 'Deployment', namespace: ns, name, uid: `${name}-d` }],
    }),
    node({ kind: 'Service', name, uid: `${name}-s`, health: { status: 'Healthy' } }),
    node({
      group: 'discovery.k8s.io',
      kind: 'EndpointSlice',
      name: `${name}-x1`,
      uid: `${name}-eps`,
      parentRefs: [{ kind: 'Service', namespace: ns, name, uid: `${name}-s` }],
    }),
    node({ kind: 'ConfigMap', name: `${name}-config`, uid: `${name}-cm` }),
    node({ kind: 'Secret', name: `${name}-creds`, uid: `${name}-sec` }),
  ];
  for (const p of ['a1b2', 'c3d4']) {
    nodes.push(
      node({
        kind: 'Pod',
        name: `${name}-7d9c-${p}`,
        uid: `${name}-${p}`,
        health: { status: health },
        info: [
          { name: 'Status Reason', value: 'Running' },
          { name: 'Containers', value: '1/1' },
        ],
        images: ['nginx:1.27'],
        parentRefs: [
          { group: 'apps', kind: 'ReplicaSet', namespace: ns, name: `${name}-7d9c`, uid: `${name}-rs` },
        ],
      }),
    );
  }
  return { nodes, orphanedNodes: [] };
}

export function liveObject(app: Application, kind: string, name: string): Record<string, unknown> {
  const ns = app.spec.destination.namespace;
  if (kind === 'Secret')
    return {
      apiVersion: 'v1',
      kind,
      metadata: { name, namespace: ns },
      type: 'Opaque',
      data: { password: '++++++++', token: '+++++++++' },
    };
  if (kind === 'Deployment') {
    const replicas = app.status?.sync?.status === 'OutOfSync' ? 5 : 2;
    return {
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace: ns, labels: { app: name } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
      status: { replicas, readyReplicas: replicas },
    };
  }
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: ns },
    ...(kind === 'ConfigMap' ? { data: { LOG_LEVEL: 'info' } } : {}),
  };
}

export function makeManaged(app: Application): ResourceDiff[] {
  return (app.status?.resources ?? []).map((r) => {
    const live = liveObject(app, r.kind, r.name);
    let desired: Record<string, unknown> = { ...live };
    delete desired['status'];
    if (r.status === 'OutOfSync' && r.kind === 'Deployment')
      desired = { ...desired, spec: { ...(live['spec'] as object), replicas: 2 } };
    if (r.status === 'OutOfSync' && r.kind === 'Secret')
      desired = { ...desired, data: { password: '++++++++', token: '++++++++++' } };
    const liveNoStatus = { ...live };
    delete liveNoStatus['status'];
    return {
      group: r.group ?? '',
      kind: r.kind,
      namespace: r.namespace ?? '',
      name: r.name,
      liveState: JSON.stringify(live),
      targetState: JSON.stringify(desired),
      normalizedLiveState: JSON.stringify(liveNoStatus),
      predictedLiveState: JSON.stringify(desired),
      modified: r.status === 'OutOfSync',
    };
  });
}

export function makeKustomizations(): Kustomization[] {
  const ks = (name: string, path: string, ready: 'True' | 'False', message: string): Kustomization => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: 'flux-system',
      uid: `ks-${name}`,
      resourceVersion: '5000',
      creationTimestamp: '2026-08-01T09:00:00Z',
    },
    spec: {
      sourceRef: { kind: 'GitRepository', name: 'demo' },
      path,
      interval: '5m',
      prune: true,
      targetNamespace: name,
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: `main@sha1:${SHA}`,
      lastAttemptedRevision: `main@sha1:${SHA}`,
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'ReconciliationSucceeded' : 'BuildFailed',
          message,
          lastTransitionTime: '2026-08-01T10:00:00Z',
        },
      ],
      inventory: {
        entries: [
          { id: `${name}_web_apps_Deployment`, v: 'v1' },
          { id: `${name}_web__Service`, v: 'v1' },
          { id: `_${name}__Namespace`, v: 'v1' },
        ],
      },
    },
  });
  return [
    ks('apps', './apps/overlays/demo', 'True', `Applied revision: main@sha1:${SHA}`),
    ks('infra', './infra', 'True', `Applied revision: main@sha1:${SHA}`),
    ks(
      'monitoring',
      './monitoring',
      'False',
      "kustomize build failed: accumulating resources: 'monitoring/missing.yaml' not found",
    ),
  ];
}

export function makeRepos(): GitRepository[] {
  return [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: {
        name: 'demo',
        namespace: 'flux-system',
        uid: 'repo-demo',
        resourceVersion: '4000',
        creationTimestamp: '2026-08-01T09:00:00Z',
      },
      spec: { url: 'http://localhost:8080/git/demo.git', interval: '1m', ref: { branch: 'main' } },
      status: {
        artifact: { revision: `main@sha1:${SHA}`, lastUpdateTime: now() },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Succeeded',
            message: `stored artifact for revision 'main@sha1:${SHA}'`,
          },
        ],
      },
    },
  ];
}
