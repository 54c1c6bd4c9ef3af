// Argo CD front end: time from a git commit (followed by the refresh annotation, as a webhook or
// `argocd app get --refresh` does) to the Application being Synced at that commit, and self-heal
// latency (a kubectl-style patch of a managed ConfigMap until Git's value is back). Real git http
// server, embedded cluster, 30 ConfigMaps + 1 Deployment. Reference, side by side: `kubectl apply
// --server-side` of the same files (the floor: writing the objects once, no Git, no comparison).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl } from '../test/support/cluster.ts';
import {
  application,
  configMapYaml,
  deploymentYaml,
  IN_CLUSTER,
  startArgoEnv,
} from '../test/support/argocd.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const CONFIGMAPS = 30;
const ROUNDS = 5;

function files(round: number): Record<string, string> {
  const out: Record<string, string> = { 'app/web.yaml': deploymentYaml('web', 'nginx:1.27') };
  for (let i = 0; i < CONFIGMAPS; i++)
    out[`app/cm-${i}.yaml`] = configMapYaml(`cm-${i}`, { round: String(round) });
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(_: { signal: AbortSignal }): Promise<BenchResult> {
  const env = await startArgoEnv({ gitPollIntervalMs: 0, waveDelayMs: 2000 });
  try {
    const repo = env.repo('bench');
    let sha = repo.commit(files(0));
    await env.apply(
      application('bench', {
        source: { repoURL: env.git.url('bench'), path: 'app' },
        destination: { server: IN_CLUSTER, namespace: 'bench' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      }),
    );
    const syncedAt = (rev: string) =>
      env.waitApp(
        'bench',
        (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === rev && !a.operation,
        120_000,
      );
    await syncedAt(sha);

    const commitToSynced: number[] = [];
    const selfHeal: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      sha = repo.commit(files(round));
      const t0 = performance.now();
      await env.client.patch(
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'bench' },
        { type: 'merge', body: { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } } },
        { signal: AbortSignal.timeout(10_000) },
      );
      await syncedAt(sha);
      commitToSynced.push(performance.now() - t0);

      // The first self-heal after a sync waits out Argo CD's 2 s backoff from that sync's end.
      await new Promise((r) => setTimeout(r, 2500));
      const t1 = performance.now();
      await env.client.patch(
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'bench', name: 'cm-0' },
        { type: 'merge', body: { data: { round: 'drifted' } } },
        { signal: AbortSignal.timeout(10_000), fieldManager: 'kubectl-edit' },
      );
      await env.waitFor(
        async () => {
          const cm = (await env.client.get(
            { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'bench', name: 'cm-0' },
            { signal: AbortSignal.timeout(10_000) },
          )) as { data?: Record<string, string> } | undefined;
          return cm?.data?.['round'] === String(round);
        },
        'self-heal',
        60_000,
      );
      selfHeal.push(performance.now() - t1);
    }

    // Reference: kubectl apply --server-side of the same objects into another namespace.
    const refDir = join(env.root, 'ref');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(refDir, { recursive: true });
    for (const [path, content] of Object.entries(files(99)))
      writeFileSync(join(refDir, path.replace('app/', '')), content);
    await kubectl(['create', 'namespace', 'ref'], env.cluster);
    const kubectlRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await kubectl(['apply', '--server-side', '-n', 'ref', '-f', refDir], env.cluster);
      if (r.code !== 0) throw new Error(r.stderr);
      kubectlRuns.push(performance.now() - t);
    }
    const mem = memoryMiB();
    return {
      name: `argocd: commit → Synced and self-heal (${CONFIGMAPS} ConfigMaps + 1 Deployment, ${ROUNDS} rounds)`,
      lines: [
        `commit + refresh → Synced: median ${fmt(median(commitToSynced))} ms (min ${fmt(Math.min(...commitToSynced))}, max ${fmt(Math.max(...commitToSynced))}); waveDelayMs 2000 as Argo CD`,
        `self-heal (patch → Git's value back): median ${fmt(median(selfHeal))} ms (min ${fmt(Math.min(...selfHeal))}, max ${fmt(Math.max(...selfHeal))})`,
        `reference kubectl apply --server-side of the same files: median ${fmt(median(kubectlRuns))} ms`,
        `process memory: rss ${mem.rss} MiB, heap ${mem.heap} MiB`,
      ],
    };
  } finally {
    await env.close();
  }
}
