import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from './metrics.ts';
import { metricsSink } from './sink.ts';

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

test('app info and Flux conditions are read at scrape time; repo labels carry no credentials', async () => {
  let apps = [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web', namespace: 'argocd' },
      spec: {
        source: { repoURL: 'https://bot:hunter22@git.example/web.git' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
        syncPolicy: { automated: {} },
      },
      status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
    },
  ];
  const m = createMetrics({
    processMetrics: false,
    applications: () => apps,
    fluxObjects: () => [
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'apps', namespace: 'flux-system' },
        status: { conditions: [{ type: 'Ready', status: 'False' }] },
      },
    ],
  });
  const sink = metricsSink(m);
  sink.gitFetched({ repo: 'https://git.example/web.git', result: 'success', seconds: 0.2 });
  sink.queueDepth('kustomization', 3);
  sink.reconcileFinished('kustomization', 'terminal');
  sink.reconcileFinished('kustomization', 'aborted');
  const text = await m.registry.metrics();
  assert.match(
    text,
    /^argocd_app_info\{namespace="argocd",name="web",project="default",autosync_enabled="true",repo="https:\/\/git\.example\/web\.git",dest_server="https:\/\/kubernetes\.default\.svc",dest_namespace="web",sync_status="Synced",health_status="Healthy",operation=""\} 1$/m,
  );
  assert.doesNotMatch(text, /hunter22|bot@/);
  assert.match(
    text,
    /^gotk_reconcile_condition\{kind="Kustomization",name="apps",namespace="flux-system",type="Ready",status="False"\} 1$/m,
  );
  assert.match(
    text,
    /^gotk_reconcile_condition\{kind="Kustomization",name="apps",namespace="flux-system",type="Ready",status="True"\} 0$/m,
  );
  assert.match(text, /^workqueue_depth\{name="kustomization"\} 3$/m);
  assert.match(text, /^controller_runtime_reconcile_total\{controller="kustomization",result="error"\} 1$/m);
  assert.doesNotMatch(text, /result="aborted"/);
  assert.match(
    text,
    /^capstan_git_fetch_duration_seconds_count\{repo="https:\/\/git\.example\/web\.git",result="success"\} 1$/m,
  );
  apps = [];
  assert.doesNotMatch(await m.registry.metrics(), /^argocd_app_info\{/m, 'a deleted app disappears');
});
