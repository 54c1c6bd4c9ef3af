/**
 * Provider (`notification.toolkit.fluxcd.io/v1beta3`, also served as v1beta2): where alerts go
 * (Slack, Teams, a Git commit status, a generic webhook…). v1beta3 has no status.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { LocalObjectReference } from '../meta.ts';

export interface Provider extends KubeObject {
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3';
  kind: 'Provider';
  metadata: ObjectMeta & { name: string };
  spec: ProviderSpec;
}

export const PROVIDER_TYPES = [
  'slack',
  'discord',
  'msteams',
  'rocket',
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'gitea',
  'giteapullrequestcomment',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
  'googlechat',
  'googlepubsub',
  'webex',
  'sentry',
  'azureeventhub',
  'telegram',
  'lark',
  'matrix',
  'opsgenie',
  'alertmanager',
  'grafana',
  'githubdispatch',
  'githubpullrequestcomment',
  'gitlabmergerequestcomment',
  'pagerduty',
  'datadog',
  'nats',
  'zulip',
  'otel',
  'zoom',
  'incident.io',
] as const;

export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface ProviderSpec {
  type: ProviderType;
  /** Chat channel, topic or repository, depending on the type. */
  channel?: string;
  username?: string;
  /** Webhook URL or API address; the Secret's `address` key wins. */
  address?: string;
  /** Deprecated by Flux (not used). */
  interval?: string;
  timeout?: string;
  /** Deprecated by Flux in favour of `proxySecretRef`. */
  proxy?: string;
  proxySecretRef?: LocalObjectReference;
  secretRef?: LocalObjectReference;
  certSecretRef?: LocalObjectReference;
  serviceAccountName?: string;
  /** CEL giving the commit status context for Git providers. */
  commitStatusExpr?: string;
  suspend?: boolean;
}
