/**
 * The checks Argo CD runs before comparing (`ValidateDestination`, `ValidatePermissions`): a
 * source, a known destination, an existing project that permits the Application's namespace,
 * repositories and destination. Each failure is an `InvalidSpecError` message, worded as Argo's.
 */
import { errorMessage } from '../../core/index.ts';
import type { Application } from './api/application.ts';
import type { AppProject } from './api/appproject.ts';
import { applicationSources, projectOf } from './api/application-defaults.ts';
import type { ClusterRegistry } from './clusters.ts';
import { isDestinationPermitted, isSourceNamespacePermitted, isSourcePermitted } from './project.ts';

export interface SpecCheck {
  errors: string[];
  /** The destination's server URL ('' when unknown). */
  server: string;
  clusterName: string;
}

export function checkSpec(
  app: Application,
  project: AppProject | undefined,
  clusters: ClusterRegistry,
  controlNamespace: string,
): SpecCheck {
  const errors: string[] = [];
  const projectName = projectOf(app.spec);
  const sources = applicationSources(app.spec);
  let server = '';
  let clusterName = '';
  if (sources.length === 0) errors.push('spec.source or spec.sources must be specified');
  try {
    const id = clusters.identify(app.spec.destination);
    server = id.server;
    clusterName = id.name;
  } catch (err) {
    errors.push(errorMessage(err));
  }
  if (!project) {
    errors.push(`Application referencing project ${projectName} which does not exist`);
    return { errors, server, clusterName };
  }
  const ns = app.metadata.namespace ?? '';
  if (!isSourceNamespacePermitted(project.spec, ns, controlNamespace)) {
    errors.push(`app is not allowed in project "${projectName}", or the project does not exist`);
  }
  for (const s of sources) {
    if (!isSourcePermitted(project.spec, s.repoURL)) {
      errors.push(`application repo ${s.repoURL} is not permitted in project '${projectName}'`);
    }
  }
  if (server) {
    const dstNs = app.spec.destination.namespace ?? '';
    if (!isDestinationPermitted(project.spec, { server, name: clusterName, namespace: dstNs })) {
      errors.push(
        `application destination server '${server}' and namespace '${dstNs}' do not match any of the allowed destinations in project '${projectName}'`,
      );
    }
  }
  return { errors, server, clusterName };
}
