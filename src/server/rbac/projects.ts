/**
 * AppProjects as RBAC sees them: their roles become subjects `proj:<project>:<role>` with the
 * role's policy lines, each role may `get` its own project, the role's OIDC groups are bound to
 * it, and the JWT tokens issued for a role are recorded (id, iat, exp) so that deleting the
 * record revokes the token.
 */
import type { CallOptions } from '../../kube/index.ts';
import { CapstanError, type KubeObject } from '../../core/index.ts';

/** A token issued for a project role; the token itself is never stored. */
export interface ProjectTokenRecord {
  /** Unix seconds. */
  iat: number;
  /** Unix seconds; absent for a token that never expires. */
  exp?: number;
  /** The token's `jti`. */
  id?: string;
}

export interface ProjectRole {
  name: string;
  description?: string;
  /** Policy lines, `p, proj:<project>:<role>, applications, get, <project>/*, allow`. */
  policies?: string[];
  /** OIDC groups bound to the role. */
  groups?: string[];
  jwtTokens?: ProjectTokenRecord[];
}

export interface AppProject extends KubeObject {
  spec: { roles?: ProjectRole[]; description?: string; [field: string]: unknown };
  status?: { jwtTokensByRole?: Record<string, { items?: ProjectTokenRecord[] }>; [field: string]: unknown };
}

/**
 * Where the server reads AppProjects. Enforcement runs on every request and for every event of a
 * stream, so `get` and `list` are synchronous: a Kubernetes-backed implementation serves them
 * from a watch cache (an informer), as Argo CD's lister does, and never waits on the network.
 */
export interface ProjectSource {
  get(name: string): AppProject | undefined;
  /** Every AppProject, sorted by name. */
  list(): AppProject[];
  /**
   * Records a token issued for a role, in `spec.roles[].jwtTokens` and
   * `status.jwtTokensByRole[role].items` as Argo CD does. Rejects with a `CapstanError` when the
   * project or role is gone.
   */
  addRoleToken(project: string, role: string, token: ProjectTokenRecord, options: CallOptions): Promise<void>;
}

export const PROJECT_SUBJECT_PREFIX = 'proj:';

/** `proj:<project>:<role>` → `{project, role}`; anything else → undefined. */
export function parseProjectSubject(subject: string): { project: string; role: string } | undefined {
  const parts = subject.split(':');
  if (parts.length !== 3 || parts[0] !== 'proj') return undefined;
  return { project: parts[1]!, role: parts[2]! };
}

export function projectSubject(project: string, role: string): string {
  return `${PROJECT_SUBJECT_PREFIX}${project}:${role}`;
}

/** The runtime policy text of a project: its roles' lines, the implicit `get` and group bindings. */
export function projectPolicy(project: AppProject): string {
  const name = project.metadata.name ?? '';
  const lines: string[] = [];
  for (const role of project.spec?.roles ?? []) {
    const subject = projectSubject(name, role.name);
    lines.push(`p, ${subject}, projects, get, ${name}, allow`);
    lines.push(...(role.policies ?? []));
    for (const group of role.groups ?? []) lines.push(`g, ${group}, ${subject}`);
  }
  return lines.join('\n');
}

/** Whether a token (by id, else by issue time) is recorded for the role. */
export function hasRoleToken(project: AppProject, role: string, id: string, iat: number): boolean {
  const spec = project.spec?.roles?.find((r) => r.name === role);
  if (!spec) return false;
  const records = [...(project.status?.jwtTokensByRole?.[role]?.items ?? []), ...(spec.jwtTokens ?? [])];
  if (id !== '' && records.some((t) => t.id === id)) return true;
  return records.some((t) => (t.id === undefined || t.id === '') && t.iat === iat);
}

/** A project source over a fixed list, with tokens recorded in memory (configuration input, tests). */
export function staticProjectSource(projects: readonly AppProject[]): ProjectSource {
  const byName = new Map(projects.map((p) => [p.metadata.name ?? '', structuredClone(p)]));
  return {
    get: (name) => byName.get(name),
    list: () =>
      [...byName.values()].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')),
    addRoleToken: (project, role, token) => {
      const p = byName.get(project);
      const r = p?.spec.roles?.find((x) => x.name === role);
      if (!p || !r) {
        return Promise.reject(
          new CapstanError(`AppProject/${project}: role ${role} not found`, { code: 'NotFound' }),
        );
      }
      r.jwtTokens = [...(r.jwtTokens ?? []), token];
      const status = (p.status ??= {});
      const byRole = (status.jwtTokensByRole ??= {});
      byRole[role] = { items: [...(byRole[role]?.items ?? []), token] };
      return Promise.resolve();
    },
  };
}
