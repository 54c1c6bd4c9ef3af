/**
 * Sessions after Argo CD's session manager. A login issues a token whose subject is
 * `<user>:login`; an API token's subject is `<user>:apiKey` and its id must still be recorded on
 * the account; a project-role token's subject is `proj:<project>:<role>` and its id (or issue
 * time) must still be recorded on the role. Every token needs an enabled account with the
 * capability it was issued for, a `jti` that has not been revoked, and, for accounts, an issue
 * time after the last password change. Errors are the API's 401s, `invalid session: <reason>`.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError } from '../errors.ts';
import { hasRoleToken, parseProjectSubject, projectSubject, type ProjectSource } from '../rbac/projects.ts';
import { accountSecretKey, type Account, type Capability, type TokenRecord } from './accounts.ts';
import { signToken, TokenError, TOKEN_ISSUER, verifyToken } from './jwt.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { dummyHash, verifyPassword } from './password.ts';
import type { ServerSettings, SettingsCache } from './settings.ts';

/** Who a valid token speaks for. */
export interface Session {
  /** The RBAC subject: a user name, or `proj:<project>:<role>`. */
  subject: string;
  groups: string[];
  iss: string;
  /** The token's `jti`. */
  id: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; undefined for tokens that never expire. */
  expiresAt?: number;
  kind: 'login' | 'apiKey' | 'project' | 'sso';
}

export interface SessionManagerOptions {
  settings: SettingsCache;
  projects: ProjectSource;
  limiter: LoginLimiter;
  now: () => number;
  /** Random extra time added to every password check so timing tells nothing (Argo CD: 0.5–1 s). */
  loginDelayMs: { min: number; max: number };
  onLogin?: (result: 'success' | 'failure') => void;
}

const MAX_USERNAME_BYTES = 32;
const INVALID_LOGIN = 'Invalid username or password';

export class SessionManager {
  readonly #o: SessionManagerOptions;

  constructor(options: SessionManagerOptions) {
    this.#o = options;
  }

  /** Checks a username and password and issues a login token. */
  async login(
    username: string,
    password: string,
    signal: AbortSignal,
  ): Promise<{ token: string; session: Session }> {
    try {
      const result = await this.checkLogin(username, password, signal);
      this.#o.onLogin?.('success');
      return result;
    } catch (err) {
      this.#o.onLogin?.('failure');
      throw err;
    }
  }

  private async checkLogin(username: string, password: string, signal: AbortSignal) {
    if (username === '') throw new ApiError('InvalidArgument', 'username is required');
    if (password === '') throw new ApiError('InvalidArgument', 'password is required');
    if (Buffer.byteLength(username) > MAX_USERNAME_BYTES) {
      throw new ApiError('InvalidArgument', `username is too long (${MAX_USERNAME_BYTES} bytes max)`);
    }
    const wait = this.#o.limiter.retryAfter(username);
    if (wait !== undefined) {
      throw new ApiError('ResourceExhausted', `too many failed login attempts, try again in ${wait} s`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
    const started = this.#o.now();
    try {
      const settings = await this.#o.settings.get(signal);
      const account = settings.accounts.get(username);
      const valid = await verifyPassword(password, account?.passwordHash ?? dummyHash());
      if (!account || !valid) {
        this.#o.limiter.failed(username);
        throw new ApiError('Unauthenticated', INVALID_LOGIN);
      }
      if (!account.enabled) throw new ApiError('Unauthenticated', `account ${username} is disabled`);
      if (!account.capabilities.has('login')) {
        throw new ApiError('Unauthenticated', `account ${username} does not have login capability`);
      }
      this.#o.limiter.succeeded(username);
      const now = this.nowSeconds();
      const id = randomUUID();
      const token = await signToken(
        { sub: `${username}:login`, jti: id, now, expiresIn: settings.sessionSeconds },
        requireKey(settings),
      );
      return {
        token,
        session: {
          subject: username,
          groups: [],
          iss: TOKEN_ISSUER,
          id,
          issuedAt: now,
          expiresAt: now + settings.sessionSeconds,
          kind: 'login' as const,
        },
      };
    } finally {
      const { min, max } = this.#o.loginDelayMs;
      const left = min + Math.random() * (max - min) - (this.#o.now() - started);
      if (left > 0) await delay(left, undefined, { signal }).catch(() => undefined);
    }
  }

  /** The session a token speaks for; throws the 401 `ApiError` `invalid session: <reason>`. */
  async verify(token: string, signal: AbortSignal): Promise<Session> {
    const settings = await this.#o.settings.get(signal);
    const invalid = (reason: string) => new ApiError('Unauthenticated', `invalid session: ${reason}`);
    if (!settings.secretKey) throw invalid('server.secretkey is missing');
    let claims;
    try {
      claims = await verifyToken(token, settings.secretKey, this.#o.now());
    } catch (err) {
      throw invalid(err instanceof TokenError ? err.message : 'token is malformed');
    }
    const base = {
      iss: claims.iss,
      id: claims.jti,
      issuedAt: claims.iat,
      ...(claims.exp !== undefined ? { expiresAt: claims.exp } : {}),
    };
    if (claims.jti !== '') {
      const revoked = await this.#o.settings.source.revokedTokens({ signal });
      if (revoked.some((t) => t.id === claims.jti)) throw invalid('token is revoked, please re-login');
    }

    if (claims.sso !== undefined) {
      // An OIDC login: who the identity provider said, for as long as its ID token was good.
      return { ...base, subject: claims.sub, groups: claims.groups ?? [], kind: 'sso' };
    }

    const proj = parseProjectSubject(claims.sub);
    if (proj) {
      const project = this.#o.projects.get(proj.project);
      if (!project || !hasRoleToken(project, proj.role, claims.jti, claims.iat)) {
        throw invalid(
          `JWT token for role '${proj.role}' issued at '${claims.iat}' does not exist in project '${proj.project}'`,
        );
      }
      return { ...base, subject: claims.sub, groups: [], kind: 'project' };
    }

    const [name, capability] = splitSubject(claims.sub);
    const account = settings.accounts.get(name);
    if (!account) throw invalid(`account '${name}' does not exist`);
    if (!account.enabled) throw invalid(`account ${name} is disabled`);
    if (!account.capabilities.has(capability))
      throw invalid(`account ${name} does not have '${capability}' capability`);
    if (claims.jti === '')
      throw invalid('token does not have a unique identifier (jti claim) and cannot be validated');
    if (capability === 'apiKey' && !account.tokens.some((t) => t.id === claims.jti)) {
      throw invalid(`account ${name} does not have token with id ${claims.jti}`);
    }
    if (account.passwordMtime && claims.iat * 1000 < account.passwordMtime.getTime()) {
      throw invalid('account password has changed since token issued');
    }
    return { ...base, subject: name, groups: [], kind: capability === 'login' ? 'login' : 'apiKey' };
  }

  /**
   * A session for a user an OIDC provider vouched for: subject `sub`, the group claims RBAC
   * reads, ending no later than the provider's ID token (and `users.session.duration`).
   */
  async createSsoSession(
    identity: { sub: string; issuer: string; groups: string[]; email?: string; expiresAt?: number },
    signal: AbortSignal,
  ): Promise<{ token: string; session: Session }> {
    const settings = await this.#o.settings.get(signal);
    const now = this.nowSeconds();
    const expiresAt = Math.min(now + settings.sessionSeconds, identity.expiresAt ?? Infinity);
    const id = randomUUID();
    const token = await signToken(
      {
        sub: identity.sub,
        jti: id,
        now,
        expiresIn: Math.max(1, expiresAt - now),
        sso: { issuer: identity.issuer, groups: identity.groups, email: identity.email },
      },
      requireKey(settings),
    );
    return {
      token,
      session: {
        subject: identity.sub,
        groups: identity.groups,
        iss: TOKEN_ISSUER,
        id,
        issuedAt: now,
        expiresAt,
        kind: 'sso',
      },
    };
  }

  /** Logout: the token's id is remembered as revoked until the token would expire. */
  async revoke(session: Session, signal: AbortSignal): Promise<void> {
    if (session.id === '') return;
    // A token without expiry is remembered for a year; deleting its record revokes it for good.
    const expiresAt = session.expiresAt ?? this.nowSeconds() + 365 * 24 * 3600;
    await this.#o.settings.source.revokeToken({ id: session.id, expiresAt }, { signal });
  }

  /** Issues an API token for an account with the `apiKey` capability and records it. */
  async createAccountToken(
    name: string,
    request: { expiresIn?: number; id?: string },
    signal: AbortSignal,
  ): Promise<{ token: string; record: TokenRecord }> {
    const settings = await this.#o.settings.get(signal);
    const account = existingAccount(settings, name);
    if (!account.capabilities.has('apiKey')) {
      throw new ApiError('FailedPrecondition', `account '${name}' does not have apiKey capability`);
    }
    const id = request.id || randomUUID();
    if (account.tokens.some((t) => t.id === id)) {
      throw new ApiError('AlreadyExists', `account already has token with id '${id}'`);
    }
    const now = this.nowSeconds();
    const expiresIn = request.expiresIn ?? 0;
    const token = await signToken({ sub: `${name}:apiKey`, jti: id, now, expiresIn }, requireKey(settings));
    const record: TokenRecord = { id, iat: now, ...(expiresIn > 0 ? { exp: now + expiresIn } : {}) };
    await this.#o.settings.source.updateSecret(
      { [accountSecretKey(name, 'tokens')]: JSON.stringify([...account.tokens, record]) },
      { signal },
    );
    return { token, record };
  }

  /** Deletes an API token's record, which revokes the token. */
  async deleteAccountToken(name: string, id: string, signal: AbortSignal): Promise<void> {
    const settings = await this.#o.settings.get(signal);
    const account = existingAccount(settings, name);
    const tokens = account.tokens.filter((t) => t.id !== id);
    await this.#o.settings.source.updateSecret(
      { [accountSecretKey(name, 'tokens')]: tokens.length === 0 ? null : JSON.stringify(tokens) },
      { signal },
    );
  }

  /** Issues a token for a project role and records it on the AppProject. */
  async createProjectToken(
    project: string,
    role: string,
    request: { expiresIn?: number; id?: string },
    signal: AbortSignal,
  ): Promise<{ token: string; record: { id: string; iat: number; exp?: number } }> {
    const settings = await this.#o.settings.get(signal);
    const p = this.#o.projects.get(project);
    if (!p) throw new ApiError('NotFound', `AppProject/${project}: not found`);
    const r = p.spec.roles?.find((x) => x.name === role);
    if (!r) throw new ApiError('NotFound', `project '${project}' does not have role '${role}'`);
    const id = request.id || randomUUID();
    if (hasRoleToken(p, role, id, -1))
      throw new ApiError('InvalidArgument', `Token id '${id}' has been used.`);
    const now = this.nowSeconds();
    const expiresIn = request.expiresIn ?? 0;
    const token = await signToken(
      { sub: projectSubject(project, role), jti: id, now, expiresIn },
      requireKey(settings),
    );
    const record = { id, iat: now, ...(expiresIn > 0 ? { exp: now + expiresIn } : {}) };
    await this.#o.projects.addRoleToken(project, role, record, { signal });
    return { token, record };
  }

  private nowSeconds(): number {
    return Math.floor(this.#o.now() / 1000);
  }
}

/** `alice:login` → alice, login; `alice` and `alice:apiKey` → alice, apiKey (Argo CD's default). */
function splitSubject(sub: string): [string, Capability] {
  const i = sub.indexOf(':');
  if (i < 0) return [sub, 'apiKey'];
  const cap = sub.slice(i + 1);
  return [sub.slice(0, i), cap === 'login' ? 'login' : 'apiKey'];
}

function existingAccount(settings: ServerSettings, name: string): Account {
  const account = settings.accounts.get(name);
  if (!account) throw new ApiError('NotFound', `account '${name}' does not exist`);
  return account;
}

function requireKey(settings: ServerSettings): Uint8Array {
  if (!settings.secretKey) throw new ApiError('Unavailable', 'argocd-secret: server.secretkey is missing');
  return settings.secretKey;
}
