import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../core/index.ts';
import { FluxConversionError } from './convert.ts';
import { parseImageRef } from './image/image-convert.ts';
import { toInternal } from './to-internal.ts';

const obj = (
  apiVersion: string,
  kind: string,
  spec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'flux-system' }, spec, ...extra }) as KubeObject;

interface Case {
  name: string;
  input: KubeObject;
  /** The expected internal spec (and status when given). */
  spec: Record<string, unknown>;
  apiVersion: string;
  status?: Record<string, unknown> | null;
}

const json6902 = {
  target: { kind: 'Deployment', name: 'web' },
  patch: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
};
const strategic = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 3 },
};

const cases: Case[] = [
  {
    name: 'GitRepository v1beta2: gitImplementation and accessFrom go, verify mode head is HEAD',
    input: obj('source.toolkit.fluxcd.io/v1beta2', 'GitRepository', {
      url: 'https://github.com/x/y',
      interval: '1m',
      gitImplementation: 'libgit2',
      accessFrom: { namespaceSelectors: [{}] },
      verify: { mode: 'head', secretRef: { name: 'pgp' } },
    }),
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    spec: {
      url: 'https://github.com/x/y',
      interval: '1m',
      verify: { mode: 'HEAD', secretRef: { name: 'pgp' } },
    },
  },
  {
    name: 'GitRepository v1 is unchanged',
    input: obj('source.toolkit.fluxcd.io/v1', 'GitRepository', {
      url: 'ssh://git@x/y',
      interval: '1m',
      ref: { tag: 'v1' },
    }),
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    spec: { url: 'ssh://git@x/y', interval: '1m', ref: { tag: 'v1' } },
  },
  {
    name: 'HelmRepository v1beta2 (seed): same fields under v1',
    input: obj('source.toolkit.fluxcd.io/v1beta2', 'HelmRepository', {
      interval: '1h',
      url: 'https://charts.bitnami.com/bitnami',
    }),
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    spec: { interval: '1h', url: 'https://charts.bitnami.com/bitnami' },
  },
  {
    name: 'HelmChart v1beta2: valuesFile is merged first into valuesFiles',
    input: obj('source.toolkit.fluxcd.io/v1beta2', 'HelmChart', {
      chart: 'redis',
      interval: '5m',
      sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
      valuesFile: 'base.yaml',
      valuesFiles: ['prod.yaml'],
    }),
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    spec: {
      chart: 'redis',
      interval: '5m',
      sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
      valuesFiles: ['base.yaml', 'prod.yaml'],
    },
  },
  {
    name: 'Bucket v1beta2: accessFrom goes',
    input: obj('source.toolkit.fluxcd.io/v1beta2', 'Bucket', {
      bucketName: 'b',
      endpoint: 'minio:9000',
      interval: '1m',
      accessFrom: { namespaceSelectors: [] },
    }),
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    spec: { bucketName: 'b', endpoint: 'minio:9000', interval: '1m' },
  },
  {
    name: 'Kustomization v1beta2: validation goes; strategic merge, patches, then JSON6902, in kustomize order',
    input: obj('kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization', {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'app' },
      validation: 'client',
      patches: [{ patch: 'existing' }],
      patchesStrategicMerge: [strategic],
      patchesJson6902: [json6902],
    }),
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    spec: {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'app' },
      patches: [
        { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n' },
        { patch: 'existing' },
        {
          patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n',
          target: { kind: 'Deployment', name: 'web' },
        },
      ],
    },
  },
  {
    name: 'Kustomization read back as v1 still carrying v1beta2 fields (conversion None) converts the same way',
    input: obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'app' },
      validation: 'client',
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app', namespace: 'production' }],
    }),
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    spec: {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'app' },
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app', namespace: 'production' }],
    },
  },
  {
    name: 'HelmRelease v2beta1 (seed): chart.spec, valuesFrom and remediation carry over into v2 unchanged',
    input: obj('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', {
      interval: '5m',
      chart: {
        spec: {
          chart: 'my-app',
          version: '1.x.x',
          sourceRef: { kind: 'HelmRepository', name: 'my-charts', namespace: 'flux-system' },
          interval: '1m',
        },
      },
      values: { replicaCount: 3 },
      valuesFrom: [
        { kind: 'ConfigMap', name: 'my-app-values', valuesKey: 'values.yaml' },
        { kind: 'Secret', name: 'my-app-secrets', valuesKey: 'secrets.yaml' },
      ],
      install: { remediation: { retries: 3 } },
      upgrade: { remediation: { retries: 3, remediateLastFailure: true } },
      rollback: { cleanupOnFail: true },
    }),
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    spec: {
      interval: '5m',
      chart: {
        spec: {
          chart: 'my-app',
          version: '1.x.x',
          sourceRef: { kind: 'HelmRepository', name: 'my-charts', namespace: 'flux-system' },
          interval: '1m',
        },
      },
      values: { replicaCount: 3 },
      valuesFrom: [
        { kind: 'ConfigMap', name: 'my-app-values', valuesKey: 'values.yaml' },
        { kind: 'Secret', name: 'my-app-secrets', valuesKey: 'secrets.yaml' },
      ],
      install: { remediation: { retries: 3 } },
      upgrade: { remediation: { retries: 3, remediateLastFailure: true } },
      rollback: { cleanupOnFail: true },
    },
  },
  {
    name: 'HelmRelease v2beta2: chart valuesFile and post-renderer strategic/JSON6902 patches become v2 fields',
    input: obj('helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease', {
      interval: '5m',
      chart: {
        spec: {
          chart: 'c',
          sourceRef: { kind: 'GitRepository', name: 'g' },
          valuesFile: 'a.yaml',
          valuesFiles: ['a.yaml', 'b.yaml'],
        },
      },
      postRenderers: [
        {
          kustomize: {
            patchesStrategicMerge: [strategic],
            patchesJson6902: [json6902],
            images: [{ name: 'x' }],
          },
        },
        {},
      ],
    }),
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    spec: {
      interval: '5m',
      chart: {
        spec: {
          chart: 'c',
          sourceRef: { kind: 'GitRepository', name: 'g' },
          valuesFiles: ['a.yaml', 'b.yaml'],
        },
      },
      postRenderers: [
        {
          kustomize: {
            images: [{ name: 'x' }],
            patches: [
              {
                patch:
                  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
              },
              {
                patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n',
                target: { kind: 'Deployment', name: 'web' },
              },
            ],
          },
        },
        {},
      ],
    },
  },
  {
    name: 'Alert v1beta2 (seed): same spec under v1beta3, whose kind has no status',
    input: obj(
      'notification.toolkit.fluxcd.io/v1beta2',
      'Alert',
      {
        eventSeverity: 'error',
        eventSources: [{ kind: 'Kustomization', name: '*' }],
        providerRef: { name: 'slack' },
      },
      { status: { observedGeneration: 1 } },
    ),
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    spec: {
      eventSeverity: 'error',
      eventSources: [{ kind: 'Kustomization', name: '*' }],
      providerRef: { name: 'slack' },
    },
    status: null,
  },
  {
    name: 'Provider v1beta2 (seed): same spec under v1beta3',
    input: obj('notification.toolkit.fluxcd.io/v1beta2', 'Provider', {
      type: 'slack',
      channel: 'alerts',
      secretRef: { name: 'slack-webhook' },
    }),
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    spec: { type: 'slack', channel: 'alerts', secretRef: { name: 'slack-webhook' } },
    status: null,
  },
  {
    name: "Receiver v1beta2: status url is v1's webhookPath",
    input: obj(
      'notification.toolkit.fluxcd.io/v1beta2',
      'Receiver',
      { type: 'github', resources: [{ kind: 'GitRepository', name: 'app' }], secretRef: { name: 't' } },
      { status: { url: '/hook/abc' } },
    ),
    apiVersion: 'notification.toolkit.fluxcd.io/v1',
    spec: { type: 'github', resources: [{ kind: 'GitRepository', name: 'app' }], secretRef: { name: 't' } },
    status: { webhookPath: '/hook/abc' },
  },
  {
    name: 'ImageRepository v1beta1 (seed): same fields under v1',
    input: obj('image.toolkit.fluxcd.io/v1beta1', 'ImageRepository', {
      image: 'my-registry.com/my-app',
      interval: '1m',
      secretRef: { name: 'registry-credentials' },
    }),
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    spec: { image: 'my-registry.com/my-app', interval: '1m', secretRef: { name: 'registry-credentials' } },
  },
  {
    name: 'ImagePolicy v1beta1: a v1beta1 status reads as latestRef/observedPreviousRef',
    input: obj(
      'image.toolkit.fluxcd.io/v1beta1',
      'ImagePolicy',
      { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=1.0.0' } } },
      {
        status: {
          latestImage: 'ghcr.io/x/app:1.2.0',
          observedPreviousImage: 'ghcr.io/x/app:1.1.0',
          observedGeneration: 2,
        },
      },
    ),
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    spec: { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=1.0.0' } } },
    status: {
      observedGeneration: 2,
      latestRef: { name: 'ghcr.io/x/app', tag: '1.2.0' },
      observedPreviousRef: { name: 'ghcr.io/x/app', tag: '1.1.0' },
    },
  },
  {
    name: 'ImageUpdateAutomation v1beta1 (seed): .Updated.Files/.Objects in the template become .Changed',
    input: obj('image.toolkit.fluxcd.io/v1beta1', 'ImageUpdateAutomation', {
      interval: '1m',
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      git: {
        commit: {
          author: { email: 'flux@example.com' },
          messageTemplate:
            '{{ range $filename, $_ := .Updated.Files -}}\n- {{ $filename }}\n{{ end -}}\n{{ range $resource, $_ := .Updated.Objects -}}\n- {{ $resource.Kind }} {{ $resource.Name }}\n{{ end -}}\n{{ .Updated.Images }}',
        },
      },
      update: { path: './clusters/production', strategy: 'Setters' },
    }),
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    spec: {
      interval: '1m',
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      git: {
        commit: {
          author: { email: 'flux@example.com' },
          messageTemplate:
            '{{ range $filename, $_ := .Changed.FileChanges -}}\n- {{ $filename }}\n{{ end -}}\n{{ range $resource, $_ := .Changed.Objects -}}\n- {{ $resource.Kind }} {{ $resource.Name }}\n{{ end -}}\n{{ .Updated.Images }}',
        },
      },
      update: { path: './clusters/production', strategy: 'Setters' },
    },
  },
];

describe('toInternal', () => {
  for (const c of cases) {
    test(c.name, () => {
      const before = structuredClone(c.input);
      const out = toInternal(c.input);
      assert.deepEqual(c.input, before, 'the input is not changed');
      assert.equal(out.apiVersion, c.apiVersion);
      assert.equal(out.kind, c.input.kind);
      assert.deepEqual(out.metadata, c.input.metadata);
      assert.deepEqual(out.spec, c.spec);
      if (c.status === null) assert.equal((out as KubeObject)['status'], undefined);
      else if (c.status) assert.deepEqual((out as KubeObject)['status'], c.status);
    });
  }

  test('versions and kinds Capstan does not serve are refused with the object named', () => {
    assert.throws(
      () => toInternal(obj('kustomize.toolkit.fluxcd.io/v1beta1', 'Kustomization', {})),
      (err: unknown) =>
        err instanceof FluxConversionError &&
        err.code === 'FLUX_VERSION_NOT_SERVED' &&
        err.message ===
          'Kustomization/flux-system/x: kustomize.toolkit.fluxcd.io/v1beta1 is not served; Kustomization is served as kustomize.toolkit.fluxcd.io/v1, kustomize.toolkit.fluxcd.io/v1beta2',
    );
    assert.throws(
      () => toInternal(obj('source.toolkit.fluxcd.io/v1', 'ExternalArtifact', {})),
      FluxConversionError,
    );
    assert.throws(
      () => toInternal(obj('argoproj.io/v1alpha1', 'Application', {})),
      /not a Flux kind Capstan serves/,
    );
  });
});

test('image references split into name, tag and digest as Flux records them', () => {
  const table: [string, ReturnType<typeof parseImageRef>][] = [
    ['alpine', { name: 'alpine', tag: '' }],
    ['ghcr.io/org/app:1.2.3', { name: 'ghcr.io/org/app', tag: '1.2.3' }],
    ['localhost:5000/app:v1', { name: 'localhost:5000/app', tag: 'v1' }],
    ['localhost:5000/app', { name: 'localhost:5000/app', tag: '' }],
    ['ghcr.io/org/app:1.2.3@sha256:abc', { name: 'ghcr.io/org/app', tag: '1.2.3', digest: 'sha256:abc' }],
    ['ghcr.io/org/app@sha256:abc', { name: 'ghcr.io/org/app', tag: '', digest: 'sha256:abc' }],
  ];
  for (const [image, want] of table) assert.deepEqual(parseImageRef(image), want, image);
});
