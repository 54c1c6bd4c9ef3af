/**
 * Git in `/metrics`, whichever front end asked: every artifact fetch of the shared GitSource for
 * `capstan_git_fetch_duration_seconds`, and every git process that talks to a remote for Argo CD's
 * `argocd_git_request_total` and `argocd_git_request_duration_seconds` (`request_type` is the git
 * subcommand: `ls-remote`, `fetch`). Wiring it here keeps the source module free of metrics.
 */
import { stripUrlCredentials } from '../../core/index.ts';
import type { MetricsSink } from '../../controllers/index.ts';
import type { CapstanMetrics } from '../../server/index.ts';
import type { GitRequestEvent, GitSource } from '../../source/index.ts';

export function gitRequestMetrics(metrics: CapstanMetrics): (event: GitRequestEvent) => void {
  return (e) => {
    const labels = { repo: stripUrlCredentials(e.repo), request_type: e.requestType };
    metrics.gitRequestTotal.inc(labels);
    metrics.gitRequestDuration.observe(labels, e.seconds);
  };
}

export function timedGitSource(sources: GitSource, sink: MetricsSink): GitSource {
  return {
    // Bound, in case an implementation relies on `this`.
    resolve: sources.resolve.bind(sources),
    readFile: sources.readFile.bind(sources),
    listFiles: sources.listFiles.bind(sources),
    history: sources.history.bind(sources),
    gc: sources.gc.bind(sources),
    stats: sources.stats.bind(sources),
    artifactFile: sources.artifactFile.bind(sources),
    async fetchArtifact(req) {
      const started = performance.now();
      let result: 'success' | 'error' = 'error';
      try {
        const artifact = await sources.fetchArtifact(req);
        result = 'success';
        return artifact;
      } finally {
        sink.gitFetched({
          repo: stripUrlCredentials(req.url),
          result,
          seconds: (performance.now() - started) / 1000,
        });
      }
    },
  };
}
