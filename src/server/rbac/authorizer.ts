/**
 * RBAC for an authenticated caller, as Argo CD's API server enforces it (`rbacpolicy`): the
 * default role first; then, for a request on a project's object (applications, applicationsets,
 * logs, exec, repositories and clusters `<project>/…`, or `projects <project>`), the project's
 * roles join the policy; a project-role token is confined to its own project; and finally each of
 * the caller's groups that some `g` line names is tried as a subject.
 */
import { permissionDenied } from '../errors.ts';
import type { Enforcer } from './enforcer.ts';
import { parseProjectSubject, projectPolicy, type ProjectSource } from './projects.ts';

/** Who is asking: the RBAC subject (user name or `proj:<project>:<role>`) and their groups. */
export interface Subject {
  name: string;
  groups: readonly string[];
}

/** Resources whose object starts with the project name. */
const PROJECT_SCOPED = new Set([
  'applications',
  'applicationsets',
  'repositories',
  'clusters',
  'logs',
  'exec',
]);

export interface AuthorizerOptions {
  /** The current enforcer (it is rebuilt when argocd-rbac-cm changes). */
  enforcer: () => Enforcer;
  projects: ProjectSource;
}

export class Authorizer {
  readonly #options: AuthorizerOptions;

  constructor(options: AuthorizerOptions) {
    this.#options = options;
  }

  /** Whether `subject` may do `action` on `object` of `resource`. Never throws. */
  enforce(subject: Subject, resource: string, action: string, object: string): boolean {
    const enf = this.#options.enforcer();
    if (enf.enforce('', resource, action, object)) return true; // policy.default
    const project = this.projectOf(resource, object);
    const name = project?.metadata.name;
    if (project && name !== undefined) {
      const policy = projectPolicy(project);
      const own = parseProjectSubject(subject.name);
      if (own)
        return (
          own.project === name && enf.enforceWithProject(name, policy, subject.name, resource, action, object)
        );
      if (enf.enforceWithProject(name, policy, subject.name, resource, action, object)) return true;
      return subject.groups.some(
        (g) =>
          enf.isGroupMember(g, name, policy) &&
          enf.enforceWithProject(name, policy, g, resource, action, object),
      );
    }
    if (enf.enforce(subject.name, resource, action, object)) return true;
    return subject.groups.some((g) => enf.isGroupMember(g) && enf.enforce(g, resource, action, object));
  }

  /** As `enforce`, throwing the 403 `ApiError` that names subject, action and object. */
  check(subject: Subject, resource: string, action: string, object: string): void {
    if (!this.enforce(subject, resource, action, object))
      throw permissionDenied(resource, action, object, subject.name);
  }

  private projectOf(resource: string, object: string) {
    if (resource === 'projects') return this.#options.projects.get(object);
    if (!PROJECT_SCOPED.has(resource)) return undefined;
    const parts = object.split('/');
    return parts.length >= 2 ? this.#options.projects.get(parts[0]!) : undefined;
  }
}

/**
 * The RBAC object of an Application: `<project>/<name>`, or `<project>/<namespace>/<name>` when
 * the Application lives outside the control-plane namespace (apps in any namespace).
 */
export function applicationObject(
  project: string,
  namespace: string,
  name: string,
  controlNamespace: string,
): string {
  return namespace === '' || namespace === controlNamespace
    ? `${project}/${name}`
    : `${project}/${namespace}/${name}`;
}

/** A fine-grained sub-action on an application's resource: `update/apps/Deployment/web/web`. */
export function resourceAction(
  action: 'update' | 'delete',
  resource: { group?: string; kind: string; namespace?: string; name: string },
): string {
  return `${action}/${resource.group ?? ''}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}
