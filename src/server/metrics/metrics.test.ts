import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from './metrics.ts';

test('each registry is separate and holds the Argo CD and Flux metric families', async () => {
  const a = createMetrics({ processMetrics: false, version: 'v1.2.3' });
  const b = createMetrics({ processMetrics: false });
  a.appSyncTotal.inc({
    namespace: 'argocd',
    name: 'web',
    project: 'default',
    dest_server: 'in-cluster',
    phase: 'Succeeded',
    dry_run: 'false',
  });
  a.fluxReconcileDuration.observe({ kind: 'Kustomization', name: 'apps', namespace: 'flux-system' }, 0.3);
  const text = await a.registry.metrics();
  for (const family of [
    'argocd_app_info',
    'argocd_app_reconcile',
    'argocd_app_sync_total',
    'argocd_git_request_total',
    'argocd_git_request_duration_seconds',
    'gotk_reconcile_duration_seconds',
    'controller_runtime_reconcile_total',
    'workqueue_depth',
    'argocd_login_request_total',
    'capstan_http_requests_total',
  ]) {
    assert.match(text, new RegExp(`^# TYPE ${family} `, 'm'), family);
  }
  assert.match(text, /^argocd_info\{version="v1\.2\.3"\} 1$/m);
  assert.match(
    text,
    /^argocd_app_sync_total\{namespace="argocd",name="web",project="default",dest_server="in-cluster",phase="Succeeded",dry_run="false"\} 1$/m,
  );
  assert.match(
    text,
    /^gotk_reconcile_duration_seconds_bucket\{le="0.5",kind="Kustomization",name="apps",namespace="flux-system"\} 1$/m,
  );
  assert.doesNotMatch(await b.registry.metrics(), /^argocd_app_sync_total\{/m);
});
