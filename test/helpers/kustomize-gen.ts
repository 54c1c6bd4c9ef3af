// A seeded generator of kustomization trees for differential tests against `kubectl kustomize`:
// a base and an overlay exercising many kustomize features, with values chosen to stress the
// YAML reader and printer (strings that look like booleans, numbers, timestamps, nulls; long
// lines; unicode; multi-line text).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings written quoted (so they are strings) that a careless printer would misprint. */
export const TRICKY_STRINGS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'NO',
  'true',
  'True',
  'false',
  'null',
  'Null',
  '~',
  '',
  '0123',
  '0x1F',
  '0o17',
  '0b101',
  '1e3',
  '1_000',
  '1.0',
  '.5',
  '-0',
  '+12',
  '-.5',
  '1e400',
  'NaN',
  '.inf',
  '-.Inf',
  '12:30',
  '1:2:3',
  '190:20:30',
  '2001-12-14',
  '2001-12-14T21:59:43Z',
  '2001-12-14 21:59:43.10',
  ' lead',
  'trail ',
  'a: b',
  'a #b',
  'a#b',
  '#x',
  '- x',
  '-x',
  '? x',
  ':x',
  'x:',
  '@x',
  '`x',
  '%x',
  '!x',
  '&x',
  '*x',
  '|x',
  '>x',
  "'q'",
  '"dq"',
  'a,b',
  '[x]',
  '{x}',
  'x]',
  '---',
  '...',
  '--- x',
  'multi\nline',
  'multi\nline\n',
  'keep\n\n',
  '\ttab',
  'tab\there',
  ' \n',
  'line\n  indented\n',
  'trailing space \nnext',
  'emoji 😀 here',
  'café',
  'ünïcödé ðata',
  'ナマステ',
  'nbsp\u00a0x',
  'bom\ufeffx',
  'nel\u0085x',
  'ls\u2028x',
  'back\\slash',
  'quote"inside',
  "apos'inside",
  '12345678901234567890',
  '123456789012345678901234',
  'a very long line of words that goes well beyond the eighty column limit that the emitter folds at, for sure',
  'averylongwordwithoutanyspacesthatcannotbefoldedbecausethereisnowheretobreakitatallxxxxxxxxxxxxxxxxxx',
  'spaces  inside   a long line that is longer than eighty characters  so folding must  keep double spaces',
  '- item\n- item two\n',
  'key: value\nother: x\n',
  'http://example.com/a?b=c#d',
  'C:\\path\\to',
];

/** Plain scalars written unquoted, to exercise go-yaml v3's typing on input. */
export const PLAIN_SCALARS = [
  '0123',
  '1e3',
  '0x1F',
  '0o17',
  '0b101',
  'yes',
  'on',
  'off',
  '2001-12-14',
  '2001-12-14T21:59:43.10-05:00',
  '2002-12-14 21:59:43.10',
  '1_000',
  '.5',
  '-0',
  '~',
  'null',
  '1.0',
  '+12',
  '3.14159',
  'true',
  'FALSE',
  'Null',
  '123456789012345678901234',
  '12345678901234567890',
  '1e-7',
  '0.000001',
  '100000000000000000000.0',
  '1.5e300',
  '089',
  '-0x10',
  '12:30:45',
  'plain words here',
];

/**
 * Plain scalars safe inside sequences: kustomize keeps date-times (but not dates) in sequences as
 * their original text, which Capstan does not reproduce yet (see src/render/README.md).
 */
const SEQUENCE_PLAIN_SCALARS = PLAIN_SCALARS.filter((s) => !/^\d{4}-\d{1,2}-\d{1,2}[Tt ]/.test(s));

export interface GenCase {
  dir: string;
  /** What the case exercises, for failure messages. */
  features: string[];
}

/** A YAML double-quoted string; characters YAML does not allow raw (or reads as breaks) escaped. */
const q = (s: string): string =>
  JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );

export function generateCase(root: string, seed: number): GenCase {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const chance = (p: number): boolean => r() < p;
  const features: string[] = [];
  const base = join(root, 'base');
  const overlay = join(root, 'overlay');
  mkdirSync(base, { recursive: true });
  mkdirSync(overlay, { recursive: true });

  const dataLines: string[] = [];
  const n = 6 + Math.floor(r() * 10);
  for (let i = 0; i < n; i++) {
    if (chance(0.6)) dataLines.push(`  k${i}: ${q(pick(TRICKY_STRINGS))}`);
    else dataLines.push(`  k${i}: ${pick(PLAIN_SCALARS)}`);
  }
  const annLines = Array.from({ length: 3 }, (_, i) =>
    chance(0.5)
      ? `    a${i}.example.com/x: ${q(pick(TRICKY_STRINGS))}`
      : `    a${i}.example.com/x: ${pick(PLAIN_SCALARS)}`,
  );
  writeFileSync(
    join(base, 'resources.yaml'),
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  annotations:
${annLines.join('\n')}
  labels:
    plainlabel: ${pick(PLAIN_SCALARS)}
data:
${dataLines.join('\n')}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
      - name: app
        image: nginx:1.25
        args: [${q(pick(TRICKY_STRINGS))}, ${pick(SEQUENCE_PLAIN_SCALARS)}]
        env:
        - name: MODE
          value: ${q(pick(TRICKY_STRINGS))}
        envFrom:
        - configMapRef:
            name: settings
      - name: sidecar
        image: busybox
      volumes:
      - name: cfg
        configMap:
          name: tricky
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: web-role
subjects:
- kind: ServiceAccount
  name: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web-role
rules: []
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: ${pick(['web.example.com', 'yes.example.com'])}
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: web
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
---
apiVersion: v1
kind: Namespace
metadata:
  name: extra-ns
`,
  );
  writeFileSync(join(base, 'app.env'), `A=1\nB=${pick(TRICKY_STRINGS).replace(/\n/g, ' ')}\n# comment\nC\n`);
  writeFileSync(join(base, 'notes.txt'), pick(TRICKY_STRINGS) + '\n' + pick(TRICKY_STRINGS));
  const baseK = [
    'resources:',
    '- resources.yaml',
    'configMapGenerator:',
    '- name: settings',
    '  literals:',
    ...Array.from({ length: 3 }, (_, i) => `  - ${q(`L${i}=${pick(TRICKY_STRINGS).replace(/\n/g, ' ')}`)}`),
    '  envs:',
    '  - app.env',
    '  files:',
    '  - notes.txt',
  ];
  if (chance(0.5)) {
    features.push('secretGenerator');
    baseK.push(
      'secretGenerator:',
      '- name: creds',
      '  literals:',
      `  - ${q(`password=${pick(TRICKY_STRINGS).replace(/\n/g, ' ')}`)}`,
    );
    if (chance(0.5)) baseK.push('  type: kubernetes.io/basic-auth');
  }
  writeFileSync(join(base, 'kustomization.yaml'), baseK.join('\n') + '\n');

  const k: string[] = ['resources:', '- ../base'];
  if (chance(0.6)) {
    features.push('namePrefix');
    k.push(`namePrefix: ${pick(['p-', 'prod-', 'x1-'])}`);
  }
  if (chance(0.4)) {
    features.push('nameSuffix');
    k.push(`nameSuffix: ${pick(['-s', '-v2'])}`);
  }
  if (chance(0.5)) {
    features.push('namespace');
    k.push(`namespace: ${pick(['prod', 'team-a'])}`);
  }
  if (chance(0.5)) {
    features.push('commonLabels');
    k.push('commonLabels:', `  tier: ${q(pick(['backend', 'yes', '0123', '1.0', 'true']))}`);
  }
  if (chance(0.5)) {
    features.push('labels');
    k.push(
      'labels:',
      '- pairs:',
      `    team: ${q(pick(['a', 'on', 'null']))}`,
      `  includeSelectors: ${chance(0.5)}`,
      `  includeTemplates: ${chance(0.5)}`,
    );
  }
  if (chance(0.5)) {
    features.push('commonAnnotations');
    k.push('commonAnnotations:', `  note: ${q(pick(TRICKY_STRINGS))}`);
  }
  if (chance(0.6)) {
    features.push('images');
    k.push('images:', '- name: nginx', `  newName: ${pick(['registry.example.com/nginx', 'nginx'])}`);
    if (chance(0.5)) k.push(`  newTag: ${q(pick(['1.27', '1.0', '2']))}`);
    else k.push('  digest: sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3');
  }
  if (chance(0.4)) {
    features.push('replicas');
    k.push('replicas:', '- name: web', `  count: ${Math.floor(r() * 5)}`);
  }
  if (chance(0.4)) {
    features.push('generatorOptions');
    k.push(
      'generatorOptions:',
      `  disableNameSuffixHash: ${chance(0.3)}`,
      '  labels:',
      '    generated: "true"',
    );
  }
  const patches: string[] = [];
  if (chance(0.6)) {
    features.push('smp patch');
    patches.push(
      '- patch: |-',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata:',
      '      name: web',
      '      annotations:',
      `        patched: ${q(pick(TRICKY_STRINGS).replace(/\n/g, ' '))}`,
      '    spec:',
      `      revisionHistoryLimit: ${Math.floor(r() * 10)}`,
      '      template:',
      '        spec:',
      '          containers:',
      '          - name: app',
      `            workingDir: ${q('/srv/' + pick(['a', 'b b', 'yes']))}`,
    );
  }
  if (chance(0.5)) {
    features.push('json6902 patch');
    patches.push(
      '- target:',
      '    kind: Deployment',
      '  patch: |-',
      '    - op: add',
      '      path: /metadata/labels/json6902',
      `      value: ${q(pick(['patched', 'yes', '0123']))}`,
      '    - op: replace',
      '      path: /spec/replicas',
      '      value: 7',
    );
  }
  if (chance(0.3)) {
    features.push('patch with label selector');
    patches.push(
      '- target:',
      '    labelSelector: app=web',
      '    kind: Service',
      '  patch: |-',
      '    - op: add',
      '      path: /spec/type',
      '      value: NodePort',
    );
  }
  if (patches.length) k.push('patches:', ...patches);
  if (chance(0.4)) {
    features.push('replacements');
    k.push(
      'replacements:',
      '- source:',
      '    kind: ConfigMap',
      '    name: tricky',
      '    fieldPath: metadata.name',
      '  targets:',
      '  - select:',
      '      kind: Deployment',
      '    fieldPaths:',
      '    - spec.template.spec.containers.[name=app].env.[name=MODE].value',
    );
  }
  if (chance(0.3)) {
    features.push('vars');
    k.push(
      'vars:',
      '- name: SVC',
      '  objref:',
      '    kind: Service',
      '    name: web',
      '    apiVersion: v1',
      '- name: PORT',
      '  objref:',
      '    kind: Service',
      '    name: web',
      '    apiVersion: v1',
      '  fieldref:',
      '    fieldpath: spec.ports[0].port',
    );
    writeFileSync(
      join(base, 'resources.yaml'),
      readFileSync(join(base, 'resources.yaml'), 'utf8').replace(
        /args: \[.*\]/,
        // var substitution refuses lists with non-string items, so these lists hold strings only
        `command: ["$(SVC)", "port=$(PORT)", "$(PORT)"]\n        args: [${q(pick(TRICKY_STRINGS))}, "$$(SVC)", "$(UNKNOWN)"]`,
      ),
    );
  }
  if (chance(0.3)) {
    features.push('patchesStrategicMerge file');
    writeFileSync(
      join(overlay, 'psm.yaml'),
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: db\n        env:\n        - name: PGDATA\n          value: /var/lib/postgresql/data\n',
    );
    k.push('patchesStrategicMerge:', '- psm.yaml');
  }
  if (chance(0.3)) {
    features.push('patchesJson6902');
    writeFileSync(join(overlay, 'ops.yaml'), '- op: add\n  path: /spec/minReplicas\n  value: 2\n');
    k.push(
      'patchesJson6902:',
      '- target:',
      '    group: autoscaling',
      '    version: v2',
      '    kind: HorizontalPodAutoscaler',
      '    name: web',
      '  path: ops.yaml',
    );
  }
  if (chance(0.3)) {
    features.push('inline transformer');
    k.push(
      'transformers:',
      '- |-',
      '  apiVersion: builtin',
      '  kind: AnnotationsTransformer',
      '  metadata:',
      '    name: notes',
      '  annotations:',
      `    inline: ${q(pick(TRICKY_STRINGS).replace(/\n/g, ' '))}`,
      '  fieldSpecs:',
      '  - path: metadata/annotations',
      '    create: true',
    );
  }
  if (chance(0.3)) {
    features.push('generator merge');
    k.push(
      'configMapGenerator:',
      '- name: settings',
      '  behavior: merge',
      '  literals:',
      `  - ${q(`EXTRA=${pick(TRICKY_STRINGS).replace(/\n/g, ' ')}`)}`,
    );
  }
  if (chance(0.3)) {
    features.push('tagSuffix');
    k.push('images:', '- name: postgres', '  tagSuffix: -alpine');
  }
  if (chance(0.3)) {
    features.push('fifo order');
    k.push('sortOptions:', '  order: fifo');
  }
  writeFileSync(join(overlay, 'kustomization.yaml'), k.join('\n') + '\n');
  return { dir: overlay, features };
}
