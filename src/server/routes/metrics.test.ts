// `/metrics` in Prometheus text format 0.0.4, behind a session, with the families Argo CD and
// Flux dashboards query and the server's own request counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../test-server.ts';

test('metrics: a session is needed; the exposition is Prometheus text with our families', async () => {
  const t = await startTestServer({ passwords: { admin: 'pw' } });
  try {
    assert.equal((await t.request('/metrics')).status, 401);
    const token = await t.login('admin', 'pw');
    await t.request('/api/v1/projects/some-project', { token });
    t.server.metrics.workqueueDepth.set({ name: 'app_reconciliation_queue' }, 3);
    t.server.metrics.reconcileTotal.inc({ controller: 'kustomization', result: 'success' });
    const r = await t.request('/metrics', { token });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    // Every sample line is `name{labels} value`, every family has HELP and TYPE.
    for (const line of r.text.split('\n')) {
      if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      assert.match(
        line,
        /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/,
        line,
      );
    }
    assert.match(r.text, /^# TYPE process_cpu_user_seconds_total counter$/m);
    assert.match(r.text, /^# TYPE nodejs_heap_size_used_bytes gauge$/m);
    assert.match(r.text, /^workqueue_depth\{name="app_reconciliation_queue"\} 3$/m);
    assert.match(
      r.text,
      /^controller_runtime_reconcile_total\{controller="kustomization",result="success"\} 1$/m,
    );
    assert.match(r.text, /^argocd_login_request_total\{status="success"\} 1$/m);
    // Routes are labelled by pattern, never by the raw path.
    assert.match(
      r.text,
      /^capstan_http_requests_total\{method="GET",route="\/api\/v1\/projects\/:name",status="404"\} 1$/m,
    );
    assert.doesNotMatch(r.text, /some-project/);
    assert.match(r.text, /^capstan_http_requests_total\{method="GET",route="\/metrics",status="401"\} 1$/m);
  } finally {
    await t.close();
  }
});
