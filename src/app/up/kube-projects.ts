/**
 * The server's `ProjectSource` over the cluster: AppProjects of the control-plane namespace from
 * the shared watch cache (synchronous, as RBAC needs), token records written with a merge patch
 * of the whole roles list (a list without merge keys in a CRD is replaced as a whole).
 */
import { CapstanError } from '../../core/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { AppProject, ProjectSource } from '../../server/index.ts';

const GROUP_KIND = 'argoproj.io/AppProject';

export function kubeProjectSource(input: {
  client: KubeClient;
  cache: Pick<ClusterCache, 'get' | 'list'>;
  namespace: string;
}): ProjectSource {
  const { client, cache, namespace } = input;
  const get = (name: string) =>
    cache.get({ group: 'argoproj.io', kind: 'AppProject', namespace, name }) as AppProject | undefined;
  return {
    get,
    list: () =>
      (cache.list({ groupKind: GROUP_KIND, namespace }) as AppProject[]).sort((a, b) =>
        (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
      ),
    async addRoleToken(project, role, token, options) {
      const current = get(project);
      const roles = current?.spec?.roles ?? [];
      if (!current || !roles.some((r) => r.name === role)) {
        throw new CapstanError(`AppProject/${namespace}/${project}: role ${role} does not exist`, {
          code: 'NotFound',
        });
      }
      const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace, name: project };
      const spec = {
        roles: roles.map((r) => (r.name === role ? { ...r, jwtTokens: [...(r.jwtTokens ?? []), token] } : r)),
      };
      await client.patch(key, { type: 'merge', body: { spec } }, options);
      const byRole = current.status?.jwtTokensByRole ?? {};
      const items = [...(byRole[role]?.items ?? []), token];
      await client.patch(
        key,
        { type: 'merge', body: { status: { jwtTokensByRole: { ...byRole, [role]: { items } } } } },
        options,
      );
    },
  };
}
