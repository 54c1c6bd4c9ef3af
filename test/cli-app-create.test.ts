// Creating and changing Applications as a user does, against a real `capstan up`: `app create`
// from flags and from a file, the app reaching Synced/Healthy by itself, idempotent re-create and
// the refusal without --upsert, `app set` and `app unset` moving the source, the project's rules
// and RBAC refusing what they must, and the REST endpoints behind them (PATCH).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliRunner } from './support/cli.ts';
import { eventually, upProcess } from './support/up-process.ts';

const run = promisify(execFile);

interface App {
  metadata: { name: string; labels?: Record<string, string>; finalizers?: string[] };
  spec: {
    project?: string;
    source?: { path?: string; kustomize?: { images?: string[]; namePrefix?: string } };
    syncPolicy?: { automated?: { prune?: boolean; selfHeal?: boolean } };
  };
  status?: { sync?: { status?: string }; health?: { status?: string } };
}

test('capstan app create, set and unset against capstan up', async () => {
  const home = await mkdtemp(join(tmpdir(), 'capstan-create-'));
  const dataDir = join(home, 'data');
  const up = await upProcess(['--port', '0', '--data-dir', dataDir], home);
  const { env, capstan, ok, fails } = cliRunner(home);
  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', join(dataDir, 'kubeconfig'), ...args], { env })).stdout;
  const getApp = async (name: string) => JSON.parse(await ok('app', 'get', name, '-o', 'json')) as App;
  const repo = `${up.url}/git/demo`;
  try {
    // From flags, as the argocd docs create the guestbook.
    const flags = ['--repo', repo, '--path', 'base', '--dest-server', 'https://kubernetes.default.svc'];
    const shop = ['--dest-namespace', 'shop', '--sync-policy', 'automated', '--self-heal'];
    shop.push('--sync-option', 'CreateNamespace=true', '--kustomize-namespace', 'shop', '-l', 'team=web');
    assert.match(await ok('app', 'create', 'shop', ...flags, ...shop), /application 'shop' created/);
    const created = await getApp('shop');
    assert.deepEqual(created.spec.syncPolicy?.automated, { selfHeal: true });
    assert.equal(created.metadata.labels?.['team'], 'web');
    assert.equal(created.spec.project, 'default');
    await ok('app', 'wait', 'shop', '--timeout', '120');
    assert.match(
      await kubectl('get', 'deploy', '-n', 'shop'),
      /\bweb\b/,
      'the app deployed into its namespace',
    );

    // The same again is a no-op; a different spec needs --upsert.
    assert.match(await ok('app', 'create', 'shop', ...flags, ...shop), /application 'shop' unchanged/);
    assert.match(
      await fails('app', 'create', 'shop', ...flags, '--dest-namespace', 'elsewhere'),
      /existing application spec is different, use upsert flag to force update/,
    );

    // `set` changes only what it is given; `unset` takes an override away.
    assert.match(
      await ok('app', 'set', 'shop', '--kustomize-image', 'nginx=nginx:1.27-alpine', '--nameprefix', 'v2-'),
      /updated/,
    );
    let changed = await getApp('shop');
    assert.deepEqual(changed.spec.source?.kustomize?.images, ['nginx=nginx:1.27-alpine']);
    assert.equal(changed.spec.source?.path, 'base', 'the rest of the spec is kept');
    await eventually(
      'the prefixed Deployment',
      async () => /\bv2-web\b/.test(await kubectl('get', 'deploy', '-n', 'shop')) || undefined,
      120_000,
    );
    await ok('app', 'unset', 'shop', '--nameprefix');
    changed = await getApp('shop');
    assert.equal(changed.spec.source?.kustomize?.namePrefix, undefined);
    assert.deepEqual(changed.spec.source?.kustomize?.images, ['nginx=nginx:1.27-alpine']);

    // From a file, with a flag overriding it, and a cascade finalizer.
    const file = join(home, 'app.yaml');
    await writeFile(
      file,
      `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: from-file
  namespace: argocd
spec:
  project: default
  source:
    repoURL: ${repo}
    path: base
    targetRevision: HEAD
  destination:
    server: https://kubernetes.default.svc
    namespace: file-ns
  syncPolicy:
    syncOptions: [CreateNamespace=true]
`,
    );
    assert.match(
      await ok('app', 'create', '-f', file, '--dest-namespace', 'file-override', '--set-finalizer'),
      /application 'from-file' created/,
    );
    const fromFile = await getApp('from-file');
    assert.deepEqual(fromFile.metadata.finalizers, ['resources-finalizer.argocd.argoproj.io']);
    assert.match(await ok('app', 'sync', 'from-file', '--timeout', '120'), /Phase:\s+Succeeded/);
    assert.match(await kubectl('get', 'configmap', '-n', 'file-override'), /\S/);

    // A malformed file names itself and the line; nothing is created.
    await writeFile(join(home, 'bad.yaml'), 'kind: Application\nmetadata:\n  name: [oops\n');
    assert.match(await fails('app', 'create', '-f', join(home, 'bad.yaml')), /bad\.yaml:\d+: /);

    // The project decides: a repository it does not allow is refused with Argo CD's words.
    const project = `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: narrow, namespace: argocd}
spec:
  sourceRepos: ['https://example.com/only/*']
  destinations: [{server: 'https://kubernetes.default.svc', namespace: 'narrow'}]
  roles: [{name: ci, policies: ['p, proj:narrow:ci, applications, get, narrow/*, allow']}]
`;
    await writeFile(join(home, 'project.yaml'), project);
    await kubectl('apply', '-f', join(home, 'project.yaml'));
    await eventually('the project in the server', async () => {
      const r = await capstan(
        'app',
        'create',
        'narrow-app',
        ...flags,
        '--dest-namespace',
        'narrow',
        '--project',
        'narrow',
      );
      return /is not permitted in project 'narrow'/.test(r.stderr) || undefined;
    });
    assert.match(
      await fails('app', 'create', 'nowhere', ...flags, '--dest-namespace', 'x', '--project', 'missing'),
      /app is not allowed in project "missing", or the project does not exist/,
    );
    assert.match(
      await fails('app', 'create', 'lost', '--repo', repo, '--path', 'x', '--dest-name', 'mars'),
      /there are no clusters with this name: mars/,
    );

    // RBAC: an account with only the built-in readonly role may look, not create or change.
    await kubectl(
      'patch',
      'configmap',
      'argocd-cm',
      '-n',
      'argocd',
      '--type',
      'merge',
      '-p',
      '{"data":{"accounts.viewer":"apiKey"}}',
    );
    await kubectl(
      'patch',
      'configmap',
      'argocd-rbac-cm',
      '-n',
      'argocd',
      '--type',
      'merge',
      '-p',
      '{"data":{"policy.csv":"g, viewer, role:readonly"}}',
    );
    const password = (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
    const session = await fetch(`${up.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const adminToken = ((await session.json()) as { token: string }).token;
    const viewerToken = await eventually('a token for viewer', async () => {
      const res = await fetch(`${up.url}/api/v1/account/viewer/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return res.ok ? ((await res.json()) as { token: string }).token : undefined;
    });
    await ok('app', 'get', 'shop', '--auth-token', viewerToken);
    // A project role's token over real HTTP too (argocd proj role create-token).
    const projectToken = await fetch(`${up.url}/api/v1/projects/narrow/roles/ci/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(projectToken.status, 200, await projectToken.clone().text());
    assert.match(
      await fails('app', 'create', 'denied', ...flags, '--dest-namespace', 'x', '--auth-token', viewerToken),
      /permission denied/,
    );
    assert.match(
      await fails('app', 'set', 'shop', '--revision', 'main', '--auth-token', viewerToken),
      /permission denied/,
    );

    // PATCH /api/v1/applications/{name}, as `argocd app patch` sends it.
    const patched = await fetch(`${up.url}/api/v1/applications/shop`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        patchType: 'merge',
        patch: JSON.stringify({ spec: { source: { targetRevision: 'main' } } }),
      }),
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    assert.equal(
      ((await patched.json()) as { spec: { source: { targetRevision: string } } }).spec.source.targetRevision,
      'main',
    );
  } finally {
    await up.stop();
    await rm(home, { recursive: true, force: true });
  }
});
