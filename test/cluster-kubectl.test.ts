// Real kubectl (the dispatcher on our machines) against the embedded cluster: every command a
// user types first works as it does on a real cluster. Tests run concurrently, each in its own
// namespace and with its own kubectl HOME.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  KUBECTL,
  kubectl as runKubectl,
  kubectlUser,
  startTestCluster,
  type TestCluster,
} from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';
import { stringify } from 'yaml';

let cluster: TestCluster;
before(async () => {
  // The API server alone: tests write pod statuses themselves, so no simulated controllers.
  cluster = await startTestCluster(undefined, { controllers: false });
});
after(() => cluster.close());

const user = (name: string) => kubectlUser(cluster, name);

/** The rows of a kubectl table, as arrays of cells (split on runs of 2+ spaces). */
function rows(output: string): string[][] {
  return output
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));
}

const yaml = (...docs: object[]) => docs.map((d) => stringify(d)).join('---\n');

const deployment = (ns: string, name: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
});

describe('kubectl against the embedded cluster', { concurrency: true }, () => {
  it('the dispatcher runs kubectl 1.31, because the server reports v1.31', async () => {
    const { ok } = user('version');
    const v = JSON.parse(await ok(['version', '-o', 'json'])) as {
      clientVersion: { minor: string };
      serverVersion: { minor: string; gitVersion: string };
    };
    assert.equal(v.clientVersion.minor, '31');
    assert.equal(v.serverVersion.minor, '31');
    assert.match(v.serverVersion.gitVersion, /^v1\.31\./);
  });

  it('api-resources lists every type with short names, scope and kind', async () => {
    const { ok } = user('api-resources');
    const table = rows(await ok(['api-resources', '--no-headers']));
    const find = (name: string, apiVersion: string) =>
      table.find((r) => r[0] === name && r.includes(apiVersion));
    assert.deepEqual(find('deployments', 'apps/v1'), [
      'deployments',
      'deploy',
      'apps/v1',
      'true',
      'Deployment',
    ]);
    assert.deepEqual(find('namespaces', 'v1'), ['namespaces', 'ns', 'v1', 'false', 'Namespace']);
    assert.deepEqual(find('customresourcedefinitions', 'apiextensions.k8s.io/v1'), [
      'customresourcedefinitions',
      'crd,crds',
      'apiextensions.k8s.io/v1',
      'false',
      'CustomResourceDefinition',
    ]);
    const wide = await ok(['api-resources', '-o', 'wide', '--api-group=apps']);
    assert.match(
      wide,
      /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment\s+create,delete,deletecollection,get,list,patch,update,watch\s+all/,
    );
    assert.match(await ok(['api-resources', '--namespaced=false', '-o', 'name']), /^nodes$/m);
  });

  it('creates, lists, describes and deletes, and reports errors like a real server', async () => {
    const { ok, fails } = user('crud');
    await ok(['create', 'namespace', 'crud']);
    assert.equal(
      (
        await ok([
          'create',
          'configmap',
          'settings',
          '-n',
          'crud',
          '--from-literal=mode=prod',
          '--from-literal=level=3',
        ])
      ).trim(),
      'configmap/settings created',
    );
    const listed = rows(await ok(['get', 'cm', '-n', 'crud']));
    assert.deepEqual(listed[0], ['NAME', 'DATA', 'AGE']);
    assert.deepEqual(listed[1]!.slice(0, 2), ['settings', '2']);
    assert.match(listed[1]![2]!, /^\d+s$/);
    assert.equal(
      await ok(['get', 'configmap/settings', '-n', 'crud', '-o', 'jsonpath={.data.mode}']),
      'prod',
    );
    assert.match(
      await ok(['describe', 'cm', 'settings', '-n', 'crud']),
      /Name:\s+settings\nNamespace:\s+crud/,
    );
    assert.match(
      await fails(['create', 'configmap', 'settings', '-n', 'crud']),
      /configmaps "settings" already exists/,
    );
    assert.match(
      await fails(['get', 'cm', 'nope', '-n', 'crud']),
      /Error from server \(NotFound\): configmaps "nope" not found/,
    );
    assert.match(
      await fails(['create', 'configmap', 'x', '-n', 'missing-ns']),
      /namespaces "missing-ns" not found/,
    );
    assert.equal(
      (await ok(['delete', 'cm', 'settings', '-n', 'crud'])).trim(),
      'configmap "settings" deleted',
    );
    assert.match(
      (await user('crud').run(['get', 'cm', '-n', 'crud'])).stderr,
      /No resources found in crud namespace/,
    );
  });

  it('applies manifests and prints workloads with their columns, wide ones included', async () => {
    const { ok } = user('apply');
    await ok(['create', 'namespace', 'apply']);
    assert.match(
      await ok(['apply', '-f', '-'], yaml(deployment('apply', 'web', 3))),
      /deployment.apps\/web created/,
    );
    const annotations = JSON.parse(
      await ok(['get', 'deploy', 'web', '-n', 'apply', '-o', 'jsonpath={.metadata.annotations}']),
    ) as Record<string, string>;
    assert.ok(
      annotations['kubectl.kubernetes.io/last-applied-configuration'],
      'client-side apply stores the last applied configuration',
    );
    const wide = rows(await ok(['get', 'deploy', '-n', 'apply', '-o', 'wide']));
    assert.deepEqual(wide[0], [
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
      'CONTAINERS',
      'IMAGES',
      'SELECTOR',
    ]);
    assert.deepEqual(
      [...wide[1]!.slice(0, 4), ...wide[1]!.slice(5)],
      ['web', '0/3', '0', '0', 'web', 'nginx:1.27', 'app=web'],
    );
    await ok(
      ['apply', '-f', '-'],
      yaml({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'apply' },
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.0.20',
          clusterIPs: ['10.96.0.20'],
          selector: { app: 'web' },
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        },
      }),
    );
    const all = await ok(['get', 'all', '-n', 'apply']);
    assert.match(all, /^service\/web\s+NodePort\s+10\.96\.0\.20\s+<none>\s+80:30080\/TCP\s+/m);
    assert.match(all, /^deployment\.apps\/web\s+0\/3\s+0\s+0\s+/m);
  });

  it('shows pod STATUS the way kubectl does on a real cluster: waiting reasons, restarts', async () => {
    const { ok } = user('pods');
    await ok(['create', 'namespace', 'pods']);
    const api = cluster.api;
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'pods' },
      spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] },
    });
    const pull = await api.create(pod('pull'));
    await api.updateStatus({
      ...pull,
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            image: 'registry.invalid/app:1',
            imageID: '',
            state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
          },
        ],
      },
    });
    const crash = await api.create(pod('crash'));
    await api.updateStatus({
      ...crash,
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 5,
            image: 'x',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                finishedAt: new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
              },
            },
          },
        ],
      },
    });
    const run = await api.create(pod('run'));
    await api.updateStatus({
      ...run,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 0,
            image: 'x',
            imageID: '',
            state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
          },
        ],
      },
    });
    await api.create(pod('new'));
    const table = new Map(
      rows(await ok(['get', 'pods', '-n', 'pods', '--no-headers'])).map((r) => [r[0], r.slice(1, 4)]),
    );
    assert.deepEqual(table.get('pull'), ['0/1', 'ImagePullBackOff', '0']);
    assert.deepEqual(table.get('crash'), ['0/1', 'CrashLoopBackOff', '5 (20m ago)']);
    assert.deepEqual(table.get('run'), ['1/1', 'Running', '0']);
    assert.deepEqual(table.get('new'), ['0/1', 'Pending', '0']);
    assert.match(
      await ok(['get', 'pods', '-n', 'pods', '--field-selector=status.phase=Running', '-o', 'name']),
      /^pod\/crash\npod\/run\n$/,
    );
  });

  it('scales a deployment through its /scale subresource', async () => {
    const { ok } = user('scale');
    await ok(['create', 'namespace', 'scale']);
    await ok(['apply', '-f', '-'], yaml(deployment('scale', 'web', 1)));
    assert.match(
      await ok(['scale', 'deploy/web', '-n', 'scale', '--replicas=5']),
      /deployment.apps\/web scaled/,
    );
    assert.equal(
      await ok([
        'get',
        'deploy',
        'web',
        '-n',
        'scale',
        '-o',
        'jsonpath={.spec.replicas}/{.metadata.generation}',
      ]),
      '5/2',
    );
  });

  it('get -w streams the changes as they happen', async () => {
    const { ok, home } = user('watch');
    await ok(['create', 'namespace', 'watch']);
    const watch = streamKubectl(['get', 'cm', '-n', 'watch', '-w', '--output-watch-events'], home);
    try {
      await ok(['create', 'configmap', 'live', '-n', 'watch', '--from-literal=a=b']);
      await watch.waitFor(/^ADDED\s+live\s+1\s+/m);
      await ok(['label', 'cm', 'live', '-n', 'watch', 'x=y']);
      await watch.waitFor(/^MODIFIED\s+live\s+1\s+/m);
      await ok(['delete', 'cm', 'live', '-n', 'watch']);
      await watch.waitFor(/^DELETED\s+live\s+1\s+/m);
    } finally {
      watch.stop();
    }
  });

  it('delete waits for finalizers; wait --for=delete returns once they are gone', async () => {
    const { ok, run } = user('finalizers');
    await ok(['create', 'namespace', 'finalizers']);
    await ok(
      ['apply', '-f', '-'],
      yaml({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'held', namespace: 'finalizers', finalizers: ['example.com/hold'] },
      }),
    );
    await ok(['delete', 'cm', 'held', '-n', 'finalizers', '--wait=false']);
    assert.match(
      await ok(['get', 'cm', 'held', '-n', 'finalizers', '-o', 'jsonpath={.metadata.deletionTimestamp}']),
      /^\d{4}-/,
    );
    const waiting = run(['wait', '--for=delete', 'cm/held', '-n', 'finalizers', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 300));
    await ok([
      'patch',
      'cm',
      'held',
      '-n',
      'finalizers',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/finalizers"}]',
    ]);
    const waited = await waiting;
    assert.equal(waited.code, 0, waited.stderr);
    assert.match(
      (await user('finalizers').run(['get', 'cm', 'held', '-n', 'finalizers'])).stderr,
      /NotFound/,
    );
  });

  it('wait --for=jsonpath follows a status written by a controller', async () => {
    const { ok, run } = user('wait');
    await ok(['create', 'namespace', 'wait']);
    await ok(['apply', '-f', '-'], yaml(deployment('wait', 'web', 1)));
    const waiting = run([
      'wait',
      '--for=jsonpath={.status.readyReplicas}=1',
      'deploy/web',
      '-n',
      'wait',
      '--timeout=20s',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const d = await cluster.api.get(
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { namespace: 'wait', name: 'web' },
    );
    await cluster.api.updateStatus({
      ...d,
      status: { replicas: 1, readyReplicas: 1, observedGeneration: 1 },
    });
    const waited = await waiting;
    assert.equal(waited.code, 0, waited.stderr);
  });

  it('deleting a namespace deletes everything in it', async () => {
    const { ok, fails } = user('nsdelete');
    await ok(['create', 'namespace', 'gone']);
    await ok(
      ['apply', '-f', '-'],
      yaml(deployment('gone', 'web'), {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', namespace: 'gone' },
      }),
    );
    assert.match(await ok(['delete', 'namespace', 'gone', '--timeout=20s']), /namespace "gone" deleted/);
    assert.match(await fails(['get', 'namespace', 'gone']), /namespaces "gone" not found/);
    assert.equal(
      (await cluster.api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'gone' })).items.length,
      0,
    );
    assert.match(await fails(['delete', 'namespace', 'kube-system']), /Forbidden.*may not be deleted/);
  });

  it('--dry-run=server shows the object without storing it', async () => {
    const { ok, fails } = user('dryrun');
    await ok(['create', 'namespace', 'dryrun']);
    const out = await ok([
      'create',
      'configmap',
      'maybe',
      '-n',
      'dryrun',
      '--from-literal=a=b',
      '--dry-run=server',
      '-o',
      'yaml',
    ]);
    assert.match(out, /name: maybe/);
    assert.match(out, /uid: /);
    assert.match(await fails(['get', 'cm', 'maybe', '-n', 'dryrun']), /NotFound/);
  });

  it('selects with -l and --field-selector and pages with --chunk-size', async () => {
    const { ok } = user('select');
    await ok(['create', 'namespace', 'select']);
    const cms = Array.from({ length: 7 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `c${i}`, namespace: 'select', labels: { parity: i % 2 ? 'odd' : 'even' } },
    }));
    await ok(['apply', '-f', '-'], yaml(...cms));
    assert.equal(
      (await ok(['get', 'cm', '-n', 'select', '--chunk-size=2', '-o', 'name'])).trim().split('\n').length,
      7,
      'four pages, every object once',
    );
    assert.equal(
      await ok(['get', 'cm', '-n', 'select', '-l', 'parity=odd', '-o', 'name']),
      'configmap/c1\nconfigmap/c3\nconfigmap/c5\n',
    );
    assert.equal(
      await ok([
        'get',
        'cm',
        '-n',
        'select',
        '-l',
        'parity notin (odd)',
        '--field-selector',
        'metadata.name!=c0',
        '-o',
        'name',
      ]),
      'configmap/c2\nconfigmap/c4\nconfigmap/c6\n',
    );
  });

  it('describe shows the Events recorded about an object', async () => {
    const { ok } = user('describe');
    await ok(['create', 'namespace', 'describe']);
    await ok(['apply', '-f', '-'], yaml(deployment('describe', 'web')));
    const d = await cluster.api.get(
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { namespace: 'describe', name: 'web' },
    );
    await cluster.api.recordEvent(d, {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-abc to 2',
      reportingController: 'deployment-controller',
    });
    await cluster.api.recordEvent(d, {
      type: 'Warning',
      reason: 'Degraded',
      message: 'something is off',
      reportingController: 'deployment-controller',
    });
    const out = await ok(['describe', 'deploy', 'web', '-n', 'describe']);
    assert.match(out, /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message/);
    assert.match(
      out,
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-abc to 2/,
    );
    assert.match(out, /Warning\s+Degraded/);
    const events = rows(await ok(['get', 'events', '-n', 'describe']));
    assert.deepEqual(events[0], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    assert.ok(
      events.some((r) => r[1] === 'Normal' && r[2] === 'ScalingReplicaSet' && r[3] === 'deployment/web'),
    );
  });

  it('custom resources: CRD lifecycle, columns, validation, edit, scale, status, and cascade on delete', async () => {
    const { ok, fails, home } = user('crd');
    await ok(['create', 'namespace', 'crd']);
    await ok(['apply', '-f', '-'], yaml(cronTabCrd('kubectl.example.com')));
    await ok(['wait', '--for=condition=Established', 'crd/crontabs.kubectl.example.com', '--timeout=10s']);
    const ct = (name: string, spec: object) =>
      yaml({
        apiVersion: 'kubectl.example.com/v1',
        kind: 'CronTab',
        metadata: { name, namespace: 'crd' },
        spec,
      });
    assert.match(
      await ok(['apply', '-f', '-'], ct('nightly', { cronSpec: '0 3 * * *', replicas: 1 })),
      /crontab.kubectl.example.com\/nightly created/,
    );
    const table = rows(await ok(['get', 'ct', '-n', 'crd']));
    assert.deepEqual(table[0], ['NAME', 'SPEC', 'REPLICAS', 'AGE']);
    assert.deepEqual(table[1]!.slice(0, 3), ['nightly', '0 3 * * *', '1']);
    assert.deepEqual(rows(await ok(['get', 'ct', '-n', 'crd', '-o', 'wide']))[0], [
      'NAME',
      'SPEC',
      'REPLICAS',
      'IMAGE',
      'AGE',
    ]);
    assert.match(await ok(['get', 'all', '-n', 'crd']), /crontab.kubectl.example.com\/nightly/);
    // kubectl sends fieldValidation=Strict (it found the parameter in the OpenAPI v3 document).
    assert.match(
      await fails(['create', '-f', '-'], ct('typo', { cronSpec: '* * * * *', replcas: 2 })),
      /strict decoding error: unknown field "spec.replcas"/,
    );
    assert.match(
      await fails(['apply', '-f', '-'], ct('bad', { cronSpec: 'often', replicas: 50 })),
      /The CronTab "bad" is invalid: \n\* spec.cronSpec: Invalid value: "often": spec.cronSpec in body should match .*\n\* spec.replicas: Invalid value: 50: spec.replicas in body should be less than or equal to 10/,
    );
    assert.match(
      await ok(['apply', '-f', '-'], ct('nightly', { cronSpec: '0 4 * * *', replicas: 1 })),
      /crontab.kubectl.example.com\/nightly configured/,
    );
    const editor = join(home, 'editor.sh');
    await mkdir(home, { recursive: true });
    await writeFile(editor, `#!/bin/sh\nsed -i 's/replicas: 1/replicas: 2/' "$1"\n`);
    await chmod(editor, 0o755);
    assert.match(
      await ok(['edit', 'ct/nightly', '-n', 'crd'], undefined, { EDITOR: editor, KUBE_EDITOR: editor }),
      /edited/,
    );
    await ok(['scale', 'ct/nightly', '-n', 'crd', '--replicas=4']);
    await ok([
      'patch',
      'ct/nightly',
      '-n',
      'crd',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"replicas":4,"lastRun":"now"}}',
    ]);
    const live = JSON.parse(await ok(['get', 'ct', 'nightly', '-n', 'crd', '-o', 'json'])) as {
      spec: { replicas: number; cronSpec: string };
      status: { replicas: number };
      metadata: { generation: number };
    };
    assert.deepEqual(
      [live.spec.cronSpec, live.spec.replicas, live.status.replicas, live.metadata.generation],
      ['0 4 * * *', 4, 4, 4],
    );
    assert.match(await ok(['delete', 'crd', 'crontabs.kubectl.example.com', '--timeout=20s']), /deleted/);
    assert.equal(
      (await cluster.api.list({ apiVersion: 'v1', kind: 'Namespace' })).items.some(
        (n) => n.metadata.name === 'crd',
      ),
      true,
    );
    assert.match(
      await fails(['get', 'crontabs.kubectl.example.com', '-n', 'crd']),
      /the server doesn't have a resource type "crontabs"/,
    );
  });

  it('a kubeconfig with the wrong token is refused', async () => {
    const { home } = user('unauthorized');
    const path = join(home, 'bad-kubeconfig');
    await mkdir(home, { recursive: true });
    await writeFile(path, cluster.kubeconfig().replace(cluster.token, 'not-the-token'));
    const r = await runKubectl(['get', 'ns'], { kubeconfig: path, home });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Unauthorized|must be logged in/);
  });
});

/** A long-running kubectl (e.g. `get -w`) whose output can be awaited. */
function streamKubectl(
  args: string[],
  home: string,
): { waitFor(re: RegExp, timeoutMs?: number): Promise<void>; stop(): void } {
  const child = spawn(
    KUBECTL,
    ['--kubeconfig', cluster.kubeconfigPath, '--cache-dir', join(home, '.kube', 'cache'), ...args],
    {
      env: { ...process.env, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const onData = (chunk: string) => {
    out += chunk;
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    waitFor(re, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`kubectl ${args.join(' ')}: no ${String(re)} in:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}
