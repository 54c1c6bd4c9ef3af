/**
 * What the server derives from `argocd-cm`, `argocd-secret` and `argocd-rbac-cm`, recomputed only
 * when the settings source hands out a new object. A user policy that does not parse keeps the
 * last good enforcer (or, at start, the built-in policy alone) and is reported in the log, so a
 * typo in `argocd-rbac-cm` never opens or closes everything at once.
 */
import type { Logger } from '../../core/index.ts';
import { errorMessage } from '../../core/index.ts';
import { Enforcer } from '../rbac/enforcer.ts';
import { policyCsv } from '../rbac/policy.ts';
import { parseAccounts, type Account } from './accounts.ts';
import { parseGoDuration } from './duration.ts';
import { parseOidcConfig, type OidcConfig } from './oidc-config.ts';
import type { ArgoSettingsData, SettingsSource } from './settings-source.ts';

export const DEFAULT_SESSION_SECONDS = 24 * 3600;

export interface ServerSettings {
  /** `url`: the externally reachable URL, if configured. */
  url?: string;
  /** `server.secretkey`, the HS256 key of every session; undefined when missing. */
  secretKey?: Uint8Array;
  /** `users.session.duration`, default 24 h. */
  sessionSeconds: number;
  accounts: ReadonlyMap<string, Account>;
  enforcer: Enforcer;
  /** `application.instanceLabelKey`. */
  appLabelKey: string;
  /** `application.resourceTrackingMethod` (Argo CD 3 defaults to annotation tracking). */
  trackingMethod: string;
  /** `ui.bannercontent`. */
  uiBannerContent?: string;
  /** Whether `oidc.config` is set. */
  oidcConfigured: boolean;
  /** `oidc.config`, when set and usable. */
  oidc?: OidcConfig;
  /** `scopes` of `argocd-rbac-cm`: the OIDC claims whose values are groups. */
  rbacScopes: string[];
}

export class SettingsCache {
  readonly #source: SettingsSource;
  readonly #log: Logger;
  #lastRaw: ArgoSettingsData | undefined;
  #last: ServerSettings | undefined;

  constructor(source: SettingsSource, log: Logger) {
    this.#source = source;
    this.#log = log;
  }

  get source(): SettingsSource {
    return this.#source;
  }

  /** The settings last read, for synchronous callers (RBAC in stream filters). */
  latest(): ServerSettings | undefined {
    return this.#last;
  }

  async get(signal: AbortSignal): Promise<ServerSettings> {
    const raw = await this.#source.read({ signal });
    if (raw !== this.#lastRaw || !this.#last) {
      this.#last = this.derive(raw, this.#last?.enforcer);
      this.#lastRaw = raw;
    }
    return this.#last;
  }

  private derive(raw: ArgoSettingsData, previous: Enforcer | undefined): ServerSettings {
    const c = raw.config;
    const warn = (msg: string) => this.#log.warn(msg);
    let sessionSeconds = DEFAULT_SESSION_SECONDS;
    const duration = c['users.session.duration'];
    if (duration !== undefined) {
      const parsed = parseGoDuration(duration);
      if (parsed !== undefined && parsed > 0) sessionSeconds = parsed;
      else warn(`argocd-cm users.session.duration: not a duration: ${JSON.stringify(duration)}; using 24h`);
    }
    const key = raw.secret['server.secretkey'];
    const oidc = parseOidcConfig(c['oidc.config'], raw.secret);
    if (oidc.error) warn(oidc.error);
    return {
      ...(c['url'] ? { url: c['url'] } : {}),
      ...(key ? { secretKey: new TextEncoder().encode(key) } : {}),
      sessionSeconds,
      accounts: parseAccounts(raw, warn),
      enforcer: this.enforcer(raw.rbac, previous),
      appLabelKey: c['application.instanceLabelKey'] || 'app.kubernetes.io/instance',
      trackingMethod: c['application.resourceTrackingMethod'] || 'annotation',
      ...(c['ui.bannercontent'] ? { uiBannerContent: c['ui.bannercontent'] } : {}),
      oidcConfigured: (c['oidc.config'] ?? '').trim() !== '',
      ...(oidc.config ? { oidc: oidc.config } : {}),
      rbacScopes: parseScopes(raw.rbac['scopes']),
    };
  }

  private enforcer(rbac: Readonly<Record<string, string>>, previous: Enforcer | undefined): Enforcer {
    const scopes = parseScopes(rbac['scopes']);
    try {
      return new Enforcer({
        policyCsv: policyCsv(rbac),
        policyDefault: rbac['policy.default'] ?? '',
        matchMode: rbac['policy.matchMode'] === 'regex' ? 'regex' : 'glob',
        scopes,
      });
    } catch (err) {
      this.#log.error(`argocd-rbac-cm: ${errorMessage(err)}; keeping the previous policy`);
      return previous ?? new Enforcer({ scopes });
    }
  }
}

/** `scopes: '[groups, email]'` (Argo CD's YAML-ish list) → `['groups', 'email']`. */
export function parseScopes(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return ['groups'];
  return raw
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(',')
    .map((s) => s.trim().replace(/^["']|["']$/g, ''))
    .filter((s) => s !== '');
}
