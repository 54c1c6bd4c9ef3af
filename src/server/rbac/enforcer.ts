/**
 * The RBAC model of Argo CD (its `assets/model.conf`), evaluated directly rather than through
 * casbin: a request `(subject, resource, action, object)` is allowed when some `p` rule of the
 * subject or of a role it holds (through `g` lines, transitively, at most 10 levels as casbin's
 * role manager) matches all three of resource, action and object with `allow`, and no matching
 * rule says `deny`. Subjects and roles compare exactly; resource, action and object are
 * patterns (`glob` by default, see glob.ts).
 *
 * `policy.default` is checked first and on its own: what the default role allows is allowed
 * whatever the user's rules deny (Argo CD's documented rule), and a default-role deny does not
 * reach users that do not hold the role.
 *
 * Why not casbin: the model is fixed and tiny, and casbin for Node would add an expression
 * interpreter and an async `enforce` for what is a loop; the default role, the project runtime
 * policies and the group pre-filter are outside casbin in Argo CD as well.
 */
import { BUILTIN_POLICY } from './builtin-policy.ts';
import { matcherFor, type Matcher, type MatchMode } from './glob.ts';
import { parsePolicy, type Policy, type PolicyRule } from './policy.ts';

/** casbin's default role manager follows at most this many `g` links. */
const MAX_ROLE_DEPTH = 10;

export interface RbacConfig {
  /** The user policy: `policy.csv` plus overlays (see `policyCsv`). */
  policyCsv: string;
  /** `policy.default`: the role every authenticated subject has at least; '' for none. */
  policyDefault: string;
  /** `policy.matchMode`. */
  matchMode: MatchMode;
  /** `scopes`: the claims whose values are groups (OIDC); default `['groups']`. */
  scopes: string[];
}

export const defaultRbacConfig: RbacConfig = {
  policyCsv: '',
  policyDefault: '',
  matchMode: 'glob',
  scopes: ['groups'],
};

/** One set of rules indexed for evaluation. */
class RuleSet {
  readonly bySubject = new Map<string, PolicyRule[]>();
  readonly rolesOf = new Map<string, string[]>();
  /** Every member named on the left of a `g` line: only those groups are consulted (Argo CD). */
  readonly groupMembers = new Set<string>();

  constructor(policies: readonly Policy[]) {
    for (const p of policies) {
      for (const r of p.rules) push(this.bySubject, r.subject, r);
      for (const g of p.groups) {
        push(this.rolesOf, g.member, g.role);
        this.groupMembers.add(g.member);
      }
    }
  }

  /** The subject and every role it holds. */
  closure(subject: string): string[] {
    const seen = new Set([subject]);
    let frontier = [subject];
    for (let depth = 0; depth < MAX_ROLE_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const role of this.rolesOf.get(s) ?? []) {
          if (!seen.has(role)) {
            seen.add(role);
            next.push(role);
          }
        }
      }
      frontier = next;
    }
    return [...seen];
  }

  evaluate(match: Matcher, subject: string, resource: string, action: string, object: string): boolean {
    let allowed = false;
    for (const s of this.closure(subject)) {
      for (const r of this.bySubject.get(s) ?? []) {
        if (r.effect !== 'allow' && r.effect !== 'deny') continue;
        if (!match(resource, r.resource) || !match(action, r.action) || !match(object, r.object)) continue;
        if (r.effect === 'deny') return false;
        allowed = true;
      }
    }
    return allowed;
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Built-in plus user policy, and on demand the same plus one project's runtime policy (the
 * AppProject's roles), cached per project until the policy text changes.
 */
export class Enforcer {
  readonly config: RbacConfig;
  readonly #match: Matcher;
  readonly #base: Policy[];
  readonly #global: RuleSet;
  readonly #runtime = new Map<string, { text: string; rules: RuleSet }>();

  /** Throws `PolicyError` when the user policy does not parse. */
  constructor(config: Partial<RbacConfig> = {}) {
    this.config = { ...defaultRbacConfig, ...config };
    this.#match = matcherFor(this.config.matchMode);
    this.#base = [BUILTIN_POLICY, parsePolicy(this.config.policyCsv, 'argocd-rbac-cm policy.csv')];
    this.#global = new RuleSet(this.#base);
  }

  /** Whether `subject` may do `action` on `object` of `resource` under the global policy. */
  enforce(subject: string, resource: string, action: string, object: string): boolean {
    return this.enforceIn(this.#global, subject, resource, action, object);
  }

  /**
   * As `enforce`, with a project's runtime policy added. A runtime policy that does not parse
   * is ignored (the global policy alone decides), as Argo CD falls back.
   */
  enforceWithProject(
    project: string,
    runtimePolicy: string,
    subject: string,
    resource: string,
    action: string,
    object: string,
  ): boolean {
    return this.enforceIn(this.rulesFor(project, runtimePolicy), subject, resource, action, object);
  }

  /** Whether `group` appears on the left of a `g` line (global plus the project's runtime policy). */
  isGroupMember(group: string, project?: string, runtimePolicy?: string): boolean {
    const rules = project === undefined ? this.#global : this.rulesFor(project, runtimePolicy ?? '');
    return rules.groupMembers.has(group);
  }

  private rulesFor(project: string, text: string): RuleSet {
    if (text === '') return this.#global;
    const hit = this.#runtime.get(project);
    if (hit?.text === text) return hit.rules;
    let rules: RuleSet;
    try {
      rules = new RuleSet([...this.#base, parsePolicy(text, `AppProject ${project} roles`)]);
    } catch {
      rules = this.#global;
    }
    this.#runtime.set(project, { text, rules });
    return rules;
  }

  private enforceIn(
    rules: RuleSet,
    subject: string,
    resource: string,
    action: string,
    object: string,
  ): boolean {
    const role = this.config.policyDefault;
    if (role !== '' && rules.evaluate(this.#match, role, resource, action, object)) return true;
    return subject !== '' && rules.evaluate(this.#match, subject, resource, action, object);
  }
}
