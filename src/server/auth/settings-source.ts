/**
 * Where the server's configuration lives: Argo CD's three objects in the control-plane
 * namespace, read as string maps: `argocd-cm` (URL, accounts, session duration, OIDC, UI
 * banner), `argocd-secret` (password hashes, API token records, `server.secretkey`) and
 * `argocd-rbac-cm` (policy). The Kubernetes-backed implementation (a watch on the three
 * objects) belongs to the composition root; `memorySettingsSource` holds them in memory.
 */
import type { CallOptions } from '../../kube/index.ts';

export interface ArgoSettingsData {
  /** `argocd-cm` `data`. */
  config: Readonly<Record<string, string>>;
  /** `argocd-secret` `data`, base64-decoded. */
  secret: Readonly<Record<string, string>>;
  /** `argocd-rbac-cm` `data`. */
  rbac: Readonly<Record<string, string>>;
}

/** A revoked session: remembered until the token would have expired anyway. */
export interface RevokedToken {
  /** The token's `jti`. */
  id: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface SettingsSource {
  /**
   * The current settings. Called on every authenticated request, so implementations serve it
   * from memory; returning the same object while nothing changed lets the server reuse what it
   * derived from it (accounts, the RBAC enforcer).
   */
  read(options: CallOptions): Promise<ArgoSettingsData>;
  /** Sets (a string) or deletes (`null`) keys of `argocd-secret`: API token records. */
  updateSecret(changes: Readonly<Record<string, string | null>>, options: CallOptions): Promise<void>;
  /** Revoked tokens that have not expired yet. */
  revokedTokens(options: CallOptions): Promise<readonly RevokedToken[]>;
  /** Remembers a revoked token until `expiresAt` (persisted, so a restart does not forget it). */
  revokeToken(token: RevokedToken, options: CallOptions): Promise<void>;
}

export interface MemorySettingsOptions {
  /** Current time in ms; expired revocations are forgotten. */
  now: () => number;
}

/** Settings held in memory, e.g. from files or flags; also what tests configure a server with. */
export function memorySettingsSource(
  initial: Partial<ArgoSettingsData> = {},
  options: MemorySettingsOptions = { now: Date.now },
): SettingsSource {
  let current: ArgoSettingsData = {
    config: { ...initial.config },
    secret: { ...initial.secret },
    rbac: { ...initial.rbac },
  };
  let revoked: RevokedToken[] = [];
  const live = () => revoked.filter((t) => t.expiresAt * 1000 > options.now());
  return {
    read: () => Promise.resolve(current),
    updateSecret: (changes) => {
      const secret: Record<string, string> = { ...current.secret };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete secret[k];
        else secret[k] = v;
      }
      current = { ...current, secret };
      return Promise.resolve();
    },
    revokedTokens: () => {
      revoked = live();
      return Promise.resolve(revoked);
    },
    revokeToken: (token) => {
      revoked = [...live().filter((t) => t.id !== token.id), token];
      return Promise.resolve();
    },
  };
}
