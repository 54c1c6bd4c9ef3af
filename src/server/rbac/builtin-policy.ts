/**
 * The built-in roles every Argo CD installation has (its `assets/builtin-policy.csv`):
 * `role:readonly` may `get` everything, `role:admin` may do everything and inherits readonly,
 * and the local `admin` user is an admin. Capstan's Flux resources (`kustomizations`,
 * `gitrepositories`, …) join both roles with the actions the API uses on them.
 */
import type { Policy, PolicyRule } from './policy.ts';

const allow = (subject: string, resource: string, action: string, object: string): PolicyRule => ({
  subject,
  resource,
  action,
  object,
  effect: 'allow',
});

/** Resources whose objects are `<project>/<app>` (or `<project>/<ns>/<app>`). */
const PROJECT_SCOPED_READ = ['applications', 'applicationsets', 'logs'];
const NAMED_READ = [
  'certificates',
  'clusters',
  'repositories',
  'write-repositories',
  'projects',
  'accounts',
  'gpgkeys',
];
/** Capstan's Flux resources; their objects are `<namespace>/<name>`. */
export const FLUX_RESOURCES = [
  'kustomizations',
  'gitrepositories',
  'helmreleases',
  'helmrepositories',
  'ocirepositories',
] as const;

const ADMIN_APP_ACTIONS = [
  'create',
  'update',
  'update/*',
  'delete',
  'delete/*',
  'sync',
  'rollback',
  'override',
  'action/*',
];
const ADMIN_NAMED: [string, string[]][] = [
  ['certificates', ['create', 'update', 'delete']],
  ['clusters', ['create', 'update', 'delete']],
  ['repositories', ['create', 'update', 'delete']],
  ['write-repositories', ['create', 'update', 'delete']],
  ['projects', ['create', 'update', 'delete']],
  ['accounts', ['update']],
  ['gpgkeys', ['create', 'delete']],
];
const ADMIN_FLUX_ACTIONS = ['reconcile', 'update', 'create', 'delete'];

export const BUILTIN_POLICY: Policy = {
  rules: [
    ...PROJECT_SCOPED_READ.map((r) => allow('role:readonly', r, 'get', '*/*')),
    ...NAMED_READ.map((r) => allow('role:readonly', r, 'get', '*')),
    ...FLUX_RESOURCES.map((r) => allow('role:readonly', r, 'get', '*/*')),
    ...ADMIN_APP_ACTIONS.map((a) => allow('role:admin', 'applications', a, '*/*')),
    ...['get', 'create', 'update', 'delete'].map((a) => allow('role:admin', 'applicationsets', a, '*/*')),
    ...ADMIN_NAMED.flatMap(([r, actions]) => actions.map((a) => allow('role:admin', r, a, '*'))),
    allow('role:admin', 'exec', 'create', '*/*'),
    ...FLUX_RESOURCES.flatMap((r) => ADMIN_FLUX_ACTIONS.map((a) => allow('role:admin', r, a, '*/*'))),
  ],
  groups: [
    { member: 'role:admin', role: 'role:readonly' },
    { member: 'admin', role: 'role:admin' },
  ],
};
