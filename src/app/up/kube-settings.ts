/**
 * The server's `SettingsSource` over the cluster: Argo CD's `argocd-cm`, `argocd-secret` and
 * `argocd-rbac-cm` in the control-plane namespace, read from the shared watch cache (so every
 * request is served from memory and a `kubectl edit` of the policy applies within a second).
 * Revoked session ids live in a Secret of their own, `capstan-revoked-tokens`, one key per `jti`.
 */
import type { KubeObject } from '../../core/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { CallOptions, KubeClient } from '../../kube/index.ts';
import type { ArgoSettingsData, RevokedToken, SettingsSource } from '../../server/index.ts';

export const REVOKED_TOKENS_SECRET = 'capstan-revoked-tokens';

const decode = (data: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = Buffer.from(v, 'base64').toString('utf8');
  }
  return out;
};

const stringData = (data: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') out[k] = v;
  return out;
};

export function kubeSettingsSource(input: {
  client: KubeClient;
  cache: Pick<ClusterCache, 'get'>;
  namespace: string;
  now?: () => number;
}): SettingsSource {
  const { client, cache, namespace } = input;
  const now = input.now ?? Date.now;
  const live = (kind: 'ConfigMap' | 'Secret', name: string): KubeObject | undefined =>
    cache.get({ group: '', kind, namespace, name });
  let last: { versions: string; data: ArgoSettingsData } | undefined;

  const read = (): ArgoSettingsData => {
    const cm = live('ConfigMap', 'argocd-cm');
    const secret = live('Secret', 'argocd-secret');
    const rbac = live('ConfigMap', 'argocd-rbac-cm');
    const versions = [cm, secret, rbac].map((o) => o?.metadata.resourceVersion ?? '-').join('/');
    // The same object while nothing changed: the server reuses what it derived from it.
    if (last?.versions !== versions) {
      last = {
        versions,
        data: {
          config: stringData(cm?.['data']),
          secret: decode(secret?.['data']),
          rbac: stringData(rbac?.['data']),
        },
      };
    }
    return last.data;
  };

  const patchSecret = async (name: string, changes: Record<string, string | null>, options: CallOptions) => {
    const data: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(changes))
      data[k] = v === null ? null : Buffer.from(v).toString('base64');
    const key = { apiVersion: 'v1', kind: 'Secret', namespace, name };
    const existing = await client.get(key, options);
    if (existing) await client.patch(key, { type: 'merge', body: { data } }, { signal: options.signal });
    else {
      const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
      await client.create({ ...key, metadata: { name, namespace }, type: 'Opaque', data: clean }, options);
    }
  };

  // Checked on every authenticated request, so read from the watch cache; revocations made by
  // this process count at once, before the cache has seen the write.
  const recent = new Map<string, number>();
  const revoked = (): Promise<RevokedToken[]> => {
    const seconds = now() / 1000;
    const stored = live('Secret', REVOKED_TOKENS_SECRET);
    const all = new Map(Object.entries(decode(stored?.['data'])).map(([id, exp]) => [id, Number(exp)]));
    for (const [id, exp] of recent) {
      if (exp <= seconds) recent.delete(id);
      else all.set(id, exp);
    }
    return Promise.resolve(
      [...all].map(([id, expiresAt]) => ({ id, expiresAt })).filter((t) => t.expiresAt > seconds),
    );
  };

  return {
    read: () => Promise.resolve(read()),
    updateSecret: (changes, options) => patchSecret('argocd-secret', changes, options),
    revokedTokens: revoked,
    async revokeToken(token, options) {
      recent.set(token.id, token.expiresAt);
      // Expired revocations are dropped as new ones are written, so the Secret stays small.
      const seconds = now() / 1000;
      const obj = await client.get(
        { apiVersion: 'v1', kind: 'Secret', namespace, name: REVOKED_TOKENS_SECRET },
        options,
      );
      const changes: Record<string, string | null> = { [token.id]: String(token.expiresAt) };
      for (const [id, exp] of Object.entries(decode(obj?.['data'])))
        if (Number(exp) <= seconds) changes[id] = null;
      await patchSecret(REVOKED_TOKENS_SECRET, changes, options);
    },
  };
}
