// Generates a large kustomize overlay for the benchmark: N apps, each a base with a Deployment,
// a Service and a ConfigMap generator, under an overlay with namePrefix, labels, images and
// patches — the shape of a real multi-app GitOps repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function app(dir: string, i: number): void {
  const name = `app-${i}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- deployment.yaml
- service.yaml
labels:
- pairs:
    app.kubernetes.io/name: ${name}
  includeSelectors: true
configMapGenerator:
- name: ${name}-config
  literals:
  - LOG_LEVEL=info
  - FEATURE_${i}=enabled
  - GREETING=hello from ${name}
`,
  );
  writeFileSync(
    join(dir, 'deployment.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: ${name}-config
        resources:
          limits: {cpu: 500m, memory: 256Mi}
`,
  );
  writeFileSync(
    join(dir, 'service.yaml'),
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
  - port: 80
    targetPort: 8080
`,
  );
}

/** Writes the overlay for `n` apps under `root` and returns the overlay directory. */
export function writeOverlay(root: string, n: number): string {
  const overlay = join(root, 'overlay');
  mkdirSync(overlay, { recursive: true });
  const resources: string[] = [];
  for (let i = 0; i < n; i++) {
    app(join(root, 'apps', `app-${i}`), i);
    resources.push(`- ../apps/app-${i}`);
  }
  writeFileSync(
    join(overlay, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namePrefix: prod-
namespace: shop
commonLabels:
  env: prod
commonAnnotations:
  team.example.com/owner: platform
images:
- name: nginx
  newName: registry.example.com/nginx
  newTag: "1.27.3"
resources:
${resources.join('\n')}
patches:
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
      annotations:
        rollout.example.com/strategy: canary
    spec:
      replicas: 3
      revisionHistoryLimit: 5
- target:
    kind: Deployment
    labelSelector: env=prod
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/env
      value:
      - name: REGION
        value: eu-west-1
`,
  );
  return overlay;
}
