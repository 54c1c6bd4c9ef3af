/**
 * Local accounts in Argo CD's shapes. `argocd-cm`: `accounts.<name>: apiKey, login`
 * (capabilities) and `accounts.<name>.enabled`; `admin.enabled` for the built-in admin.
 * `argocd-secret`: `accounts.<name>.password` (bcrypt), `accounts.<name>.passwordMtime`
 * (RFC 3339), `accounts.<name>.tokens` (JSON `[{id, iat, exp}]`), and `admin.password`,
 * `admin.passwordMtime`, `admin.tokens` for admin. Admin always exists with `login`.
 */
import type { ArgoSettingsData } from './settings-source.ts';

export type Capability = 'login' | 'apiKey';

/** The record of an API token; the token itself is never stored. */
export interface TokenRecord {
  id: string;
  /** Unix seconds. */
  iat: number;
  /** Unix seconds; absent or 0 when it never expires. */
  exp?: number;
}

export interface Account {
  name: string;
  passwordHash?: string;
  /** Tokens issued before this are invalid (the password changed). */
  passwordMtime?: Date;
  enabled: boolean;
  capabilities: ReadonlySet<Capability>;
  tokens: readonly TokenRecord[];
}

export const ADMIN = 'admin';

/** The `argocd-secret` key of an account field (`admin.tokens`, `accounts.alice.tokens`). */
export function accountSecretKey(name: string, field: 'password' | 'passwordMtime' | 'tokens'): string {
  return name === ADMIN ? `admin.${field}` : `accounts.${name}.${field}`;
}

export function parseAccounts(data: ArgoSettingsData, warn: (msg: string) => void): Map<string, Account> {
  const caps = new Map<string, Set<Capability>>([[ADMIN, new Set<Capability>(['login'])]]);
  const enabled = new Map<string, boolean>();
  for (const [key, value] of Object.entries(data.config)) {
    if (!key.startsWith('accounts.')) continue;
    const parts = key.split('.');
    const name = parts[1] ?? '';
    if (parts.length === 2) {
      const set = caps.get(name) ?? new Set<Capability>();
      for (const c of value.split(',').map((x) => x.trim())) {
        if (c === 'login' || c === 'apiKey') set.add(c);
        else if (c !== '') warn(`argocd-cm ${key}: unknown account capability ${JSON.stringify(c)}`);
      }
      caps.set(name, set);
    } else if (parts.length === 3 && parts[2] === 'enabled') {
      caps.set(name, caps.get(name) ?? new Set());
      enabled.set(name, parseBool(value, key, warn) ?? true);
    } else if (parts.length === 3) {
      caps.set(name, caps.get(name) ?? new Set());
    } else warn(`argocd-cm ${key}: unexpected key`);
  }
  if (data.config['admin.enabled'] !== undefined) {
    enabled.set(ADMIN, parseBool(data.config['admin.enabled'], 'admin.enabled', warn) ?? true);
  }

  const accounts = new Map<string, Account>();
  for (const [name, capabilities] of caps) {
    const hash = data.secret[accountSecretKey(name, 'password')];
    const mtime = data.secret[accountSecretKey(name, 'passwordMtime')];
    const mtimeDate = mtime === undefined ? undefined : new Date(mtime);
    accounts.set(name, {
      name,
      ...(hash !== undefined && hash !== '' ? { passwordHash: hash } : {}),
      ...(mtimeDate && !Number.isNaN(mtimeDate.getTime()) ? { passwordMtime: mtimeDate } : {}),
      enabled: enabled.get(name) ?? true,
      capabilities,
      tokens: parseTokens(data.secret[accountSecretKey(name, 'tokens')], name, warn),
    });
  }
  return accounts;
}

function parseTokens(raw: string | undefined, name: string, warn: (msg: string) => void): TokenRecord[] {
  if (raw === undefined || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) {
      return parsed.filter(
        (t): t is TokenRecord =>
          typeof t === 'object' &&
          t !== null &&
          typeof (t as TokenRecord).id === 'string' &&
          typeof (t as TokenRecord).iat === 'number',
      );
    }
  } catch {
    // reported below
  }
  warn(`argocd-secret ${accountSecretKey(name, 'tokens')}: not a JSON list of tokens; ignoring it`);
  return [];
}

function parseBool(value: string, key: string, warn: (msg: string) => void): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['true', '1', 't'].includes(v)) return true;
  if (['false', '0', 'f'].includes(v)) return false;
  warn(`argocd-cm ${key}: not a boolean: ${JSON.stringify(value)}`);
  return undefined;
}
