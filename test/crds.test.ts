// End to end: the Argo CD and Flux CRDs from `capstan install --crds`, installed into the embedded
// cluster with the real kubectl, then every Argo CD/Flux document of the seed tutorials
// (../shared/seeds, read in place) accepted by a server-side dry run and then applied for real;
// printer columns, short names and categories as kubectl shows them; invalid objects refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { argocdCrds } from '../src/controllers/argocd/index.ts';
import { fluxCrds, isFluxKind, toInternal } from '../src/controllers/flux/index.ts';
import { isBuiltin } from '../src/kube/index.ts';
import { kubectl, startTestCluster, type TestCluster } from './support/cluster.ts';
import { extractSeedDocuments, schemaLookup, type SeedDocument } from './support/seed-documents.ts';
import { repoRoot, sharedDir } from './helpers/shared.ts';

const SEEDS = join(sharedDir(), 'seeds');
const NS = 'capstan-seeds';
const ARGO_KINDS = ['Application', 'AppProject', 'ApplicationSet'];

const isOurs = (o: Record<string, unknown>) =>
  (o['apiVersion'] === 'argoproj.io/v1alpha1' && ARGO_KINDS.includes(o['kind'] as string)) ||
  isFluxKind({ apiVersion: o['apiVersion'] as string, kind: o['kind'] as string });

function whySkipped(o: Record<string, unknown>): string {
  const type = { apiVersion: o['apiVersion'] as string, kind: o['kind'] as string };
  if (type.apiVersion.startsWith('kustomize.config.k8s.io/'))
    return 'a kustomization.yaml file, not an API object';
  if (isBuiltin(type)) return 'built-in kind, not an Argo CD/Flux API';
  return 'third-party CR, out of scope';
}

const describeDoc = (d: SeedDocument) =>
  `${d.source} ${String(d.object['apiVersion'])} ${String(d.object['kind'])} ${String((d.object['metadata'] as { name?: string } | undefined)?.name ?? '')}`.trim();

/** Runs kubectl on a few documents at a time (each kubectl is a process of its own). */
async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

describe('Argo CD and Flux CRDs in the embedded cluster', () => {
  let cluster: TestCluster;
  after(() => cluster?.close());
  let ours: SeedDocument[] = [];

  before(async () => {
    cluster = await startTestCluster();
    // The CRDs exactly as `capstan install --crds` prints them.
    const { stdout: yaml } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'bin', 'capstan.js'), 'install', '--crds'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const dir = await mkdtemp(join(tmpdir(), 'capstan-crds-'));
    after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'crds.yaml');
    await writeFile(file, yaml);
    let r = await kubectl(['apply', '--server-side', '-f', file], cluster);
    assert.equal(r.code, 0, r.stderr);
    r = await kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=30s'], cluster);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, argocdCrds().length + fluxCrds().length, r.stdout);
  });

  test('every Argo CD and Flux document of the seed tutorials is accepted', async (t) => {
    const lookup = schemaLookup([...argocdCrds(), ...fluxCrds()]);
    const files = readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    assert.equal(files.length, 5, `seed tutorials in ${SEEDS}`);
    const all: SeedDocument[] = [];
    for (const f of files) {
      const { documents, problems } = extractSeedDocuments(f, readFileSync(join(SEEDS, f), 'utf8'), lookup);
      assert.deepEqual(problems, [], `documents of ${f} that could not be read`);
      all.push(...documents);
    }
    ours = all.filter((d) => isOurs(d.object));
    for (const d of all.filter((x) => !isOurs(x.object)))
      t.diagnostic(`skipped ${describeDoc(d)}: ${whySkipped(d.object)}`);

    // Namespaces the documents name are created, as a user following the tutorial would have them.
    const namespaces = new Set(
      ours.map((d) => (d.object['metadata'] as { namespace?: string }).namespace ?? NS),
    );
    for (const ns of namespaces) assert.equal((await kubectl(['create', 'namespace', ns], cluster)).code, 0);

    const nsArgs = (d: SeedDocument) =>
      (d.object['metadata'] as { namespace?: string }).namespace ? [] : ['-n', NS];
    const results = await inBatches(ours, 4, async (d) => ({
      d,
      r: await kubectl(['apply', '--dry-run=server', ...nsArgs(d), '-f', '-'], { ...cluster, input: d.yaml }),
    }));
    const refused = results
      .filter(({ r }) => r.code !== 0)
      .map(({ d, r }) => `${describeDoc(d)}: ${r.stderr.trim()}`);
    assert.deepEqual(refused, [], 'seed documents the server refused');
    for (const { d, r } of results) assert.match(r.stdout, /\(server dry run\)/, describeDoc(d));

    // Then for real (several seeds reuse names: the later ones update the earlier).
    for (const withNs of [true, false]) {
      const docs = ours.filter((d) => (nsArgs(d).length === 0) === withNs);
      const r = await kubectl(['apply', ...(withNs ? [] : ['-n', NS]), '-f', '-'], {
        ...cluster,
        input: docs.map((d) => d.yaml).join('---\n'),
      });
      assert.equal(r.code, 0, r.stderr);
    }
    const kinds = new Map<string, number>();
    for (const d of ours) kinds.set(String(d.object['kind']), (kinds.get(String(d.object['kind'])) ?? 0) + 1);
    t.diagnostic(
      `applied ${ours.length} seed documents (${ours.filter((d) => d.reindented).length} with indentation restored): ` +
        [...kinds].map(([k, n]) => `${k} ${n}`).join(', '),
    );
    // Every document of ours the tutorials show (an apiVersion line followed by its kind) was read.
    let shown = 0;
    for (const f of files) {
      const lines = readFileSync(join(SEEDS, f), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const api = /^\s*apiVersion:\s*(\S+)\s*$/.exec(line)?.[1];
        const kind = /^\s*kind:\s*(\S+)\s*$/.exec(lines[i + 1] ?? '')?.[1];
        if (api && kind && isOurs({ apiVersion: api, kind })) shown++;
      });
    }
    assert.equal(
      ours.length,
      shown,
      `found ${ours.length} of the ${shown} Argo CD/Flux documents in the seeds`,
    );
  });

  test('kubectl shows Argo CD printer columns and resolves its short names', async () => {
    let r = await kubectl(['get', 'applications', '-n', 'argocd'], cluster);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.split('\n')[0]!, /^NAME\s+SYNC STATUS\s+HEALTH STATUS$/);
    assert.match(r.stdout, /^frontend-app\s/m);
    r = await kubectl(['get', 'app', '-n', 'argocd', '-o', 'wide'], cluster);
    assert.match(r.stdout.split('\n')[0]!, /^NAME\s+SYNC STATUS\s+HEALTH STATUS\s+REVISION\s+PROJECT$/);
    assert.match(r.stdout, /^payment-service\s+production$/m);
    r = await kubectl(['get', 'apps,appproj,appset', '-n', 'argocd', '-o', 'name'], cluster);
    assert.equal(r.code, 0, r.stderr);
    for (const name of [
      'application.argoproj.io/my-app',
      'appproject.argoproj.io/production',
      'applicationset.argoproj.io/all-apps',
    ])
      assert.ok(r.stdout.split('\n').includes(name), `${name} in\n${r.stdout}`);
  });

  test('kubectl shows Flux printer columns, short names and the fluxcd category', async () => {
    let r = await kubectl(['get', 'gitrepositories,kustomizations', '-n', 'flux-system'], cluster);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+URL\s+AGE\s+READY\s+STATUS$/m);
    assert.match(
      r.stdout,
      /^gitrepository\.source\.toolkit\.fluxcd\.io\/gitops-repo\s+https:\/\/github\.com\/yourorg\/gitops-repo\s/m,
    );
    assert.match(r.stdout, /^NAME\s+AGE\s+READY\s+STATUS$/m);
    assert.match(r.stdout, /^kustomization\.kustomize\.toolkit\.fluxcd\.io\/frontend-app\s/m);
    r = await kubectl(
      ['get', 'ks,gitrepo,helmrepo,imgrepo,imgpol,iua', '-n', 'flux-system', '-o', 'name'],
      cluster,
    );
    assert.equal(r.code, 0, r.stderr);
    for (const name of [
      'kustomization.kustomize.toolkit.fluxcd.io/apps',
      'gitrepository.source.toolkit.fluxcd.io/k8s-manifests',
      'helmrepository.source.toolkit.fluxcd.io/bitnami',
      'imagerepository.image.toolkit.fluxcd.io/frontend',
      'imagepolicy.image.toolkit.fluxcd.io/my-app',
      'imageupdateautomation.image.toolkit.fluxcd.io/flux-system',
    ])
      assert.ok(r.stdout.split('\n').includes(name), `${name} in\n${r.stdout}`);
    r = await kubectl(['get', 'hr', '-n', 'production'], cluster);
    assert.match(r.stdout, /^NAME\s+AGE\s+READY\s+STATUS\n(my-app|redis)\s/);
    r = await kubectl(['get', 'fluxcd', '-A', '-o', 'name'], cluster);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^helmrelease\.helm\.toolkit\.fluxcd\.io\/redis$/m);
    assert.match(r.stdout, /^alert\.notification\.toolkit\.fluxcd\.io\/slack-alert$/m);
  });

  test('a HelmRelease applied as v2beta1 reads back as v2 and converts to the internal form', async () => {
    const r = await kubectl(
      ['get', 'helmreleases.v2.helm.toolkit.fluxcd.io', 'redis', '-n', 'production', '-o', 'json'],
      cluster,
    );
    assert.equal(r.code, 0, r.stderr);
    const stored = JSON.parse(r.stdout) as {
      apiVersion: string;
      kind: 'HelmRelease';
      metadata: { name: string };
      spec: unknown;
    };
    assert.equal(stored.apiVersion, 'helm.toolkit.fluxcd.io/v2');
    const internal = toInternal(stored);
    assert.deepEqual(internal.spec.chart?.spec.sourceRef, {
      kind: 'HelmRepository',
      name: 'bitnami',
      namespace: 'flux-system',
    });
    assert.deepEqual(internal.spec.upgrade?.remediation, { retries: 3 });
    assert.equal(internal.status?.observedGeneration, -1, "Flux's status default");
  });

  test('invalid objects are refused with the field and the reason', async () => {
    const application = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata: {name: broken, namespace: argocd}',
      'spec:',
      '  destination: https://kubernetes.default.svc',
      '  source: {repoURL: https://github.com/x/y.git}',
    ].join('\n');
    let r = await kubectl(['apply', '--dry-run=server', '-f', '-'], { ...cluster, input: application });
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /spec\.destination: Invalid value: "https:\/\/kubernetes\.default\.svc": spec\.destination in body must be of type object: "string"/,
    );

    const kustomization = [
      'apiVersion: kustomize.toolkit.fluxcd.io/v1',
      'kind: Kustomization',
      'metadata: {name: broken, namespace: flux-system}',
      'spec:',
      '  interval: 10 minutes',
      '  prune: true',
      '  sourceRef: {kind: GitRepository, name: x}',
      '  sourcRef: {kind: GitRepository, name: x}',
    ].join('\n');
    r = await kubectl(['apply', '--dry-run=server', '-f', '-'], { ...cluster, input: kustomization });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /unknown field "spec\.sourcRef"/);
    r = await kubectl(['apply', '--dry-run=server', '--validate=false', '-f', '-'], {
      ...cluster,
      input: kustomization,
    });
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /spec\.interval: Invalid value: "10 minutes": spec\.interval in body should match/,
    );
  });
});
