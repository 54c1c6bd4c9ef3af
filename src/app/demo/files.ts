/**
 * The demo application's files: a base (Deployment, Service, ConfigMap) and one kustomize overlay
 * per front end, so the Argo CD Application and the Flux Kustomization each own their own
 * namespace instead of fighting over the same objects.
 */
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          envFrom:
            - configMapRef:
                name: web-config
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  GREETING: Hello from Capstan
`;

const base = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
`;

const overlay = (namespace: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${namespace}
resources:
  - namespace.yaml
  - ../../base
labels:
  - pairs:
      app.kubernetes.io/part-of: demo
`;

const namespaceYaml = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;

/** Namespaces the demo's two overlays deploy to. */
export const DEMO_NAMESPACES = { argocd: 'demo', flux: 'demo-flux' } as const;

/** Relative path → content. */
export function demoFiles(): Record<string, string> {
  return {
    'README.md': '# Capstan demo\n\nEdit, commit, and watch Capstan deploy it.\n',
    'base/deployment.yaml': deployment,
    'base/service.yaml': service,
    'base/configmap.yaml': configMap,
    'base/kustomization.yaml': base,
    'overlays/argocd/kustomization.yaml': overlay(DEMO_NAMESPACES.argocd),
    'overlays/argocd/namespace.yaml': namespaceYaml(DEMO_NAMESPACES.argocd),
    'overlays/flux/kustomization.yaml': overlay(DEMO_NAMESPACES.flux),
    'overlays/flux/namespace.yaml': namespaceYaml(DEMO_NAMESPACES.flux),
  };
}
