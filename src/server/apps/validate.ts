/**
 * What Argo CD's API server checks before it stores an Application it was sent (its
 * `validateAndNormalizeApp`): a name, unique source names, a project that exists and admits the
 * Application's namespace, a destination that names a known cluster, and sources and destination
 * the project permits. Every failure is a 400 in Argo's words. Argo also renders the sources when
 * `validate` is on (`ValidateRepo`); here the controller reports such problems as conditions.
 */
import type { KubeObject } from '../../core/index.ts';
import {
  identifyDestination,
  isClusterSecret,
  isDestinationPermitted,
  isSourceNamespacePermitted,
  isSourcePermitted,
  type AppProjectSpec,
  type ApplicationDestination,
  type ApplicationSource,
} from '../../controllers/argocd/index.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { projectOfApp } from './filter.ts';

interface AppSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: ApplicationDestination;
}

export function specOf(app: KubeObject): AppSpec {
  return app['spec'] ?? {};
}

/** Throws the 400 Argo CD answers for an Application it would not store. */
export function validateApplication(ctx: ServerContext, app: KubeObject): void {
  const name = app.metadata.name ?? '';
  if (!name) throw new ApiError('InvalidArgument', 'resource name may not be empty');
  const spec = specOf(app);
  const sources = spec.sources?.length ? spec.sources : spec.source ? [spec.source] : [];
  const names = new Set<string>();
  for (const s of spec.sources ?? []) {
    if (s.name && names.has(s.name))
      throw new ApiError('InvalidArgument', `application ${name} has duplicate source name: ${s.name}`);
    if (s.name) names.add(s.name);
  }
  const projectName = projectOfApp(app);
  const project = ctx.options.projects.get(projectName);
  const projectSpec = project?.spec as AppProjectSpec | undefined;
  const namespace = app.metadata.namespace ?? ctx.options.controlNamespace;
  // One answer for both, so project names cannot be probed.
  if (!projectSpec || !isSourceNamespacePermitted(projectSpec, namespace, ctx.options.controlNamespace))
    throw new ApiError(
      'InvalidArgument',
      `app is not allowed in project "${projectName}", or the project does not exist`,
    );
  const secrets = (
    ctx.options.kube?.cache.list({ groupKind: 'Secret', namespace: ctx.options.controlNamespace }) ?? []
  ).filter(isClusterSecret);
  let server: string;
  let clusterName: string;
  try {
    ({ server, name: clusterName } = identifyDestination(spec.destination ?? {}, secrets));
  } catch (err) {
    throw new ApiError(
      'InvalidArgument',
      `application destination spec for ${name} is invalid: ${(err as Error).message}`,
    );
  }
  const problems: string[] = [];
  if (sources.length === 0) problems.push('spec.source or spec.sources must be specified');
  for (const s of sources) {
    if (!isSourcePermitted(projectSpec, s.repoURL))
      problems.push(`application repo ${s.repoURL} is not permitted in project '${projectName}'`);
  }
  const dstNs = spec.destination?.namespace ?? '';
  if (!isDestinationPermitted(projectSpec, { server, name: clusterName, namespace: dstNs }))
    problems.push(
      `application destination server '${server}' and namespace '${dstNs}' do not match any of the allowed destinations in project '${projectName}'`,
    );
  if (problems.length > 0)
    throw new ApiError(
      'InvalidArgument',
      `application spec for ${name} is invalid: ${problems.map((p) => `InvalidSpecError: ${p}`).join(';')}`,
    );
}
