// Public face of the `server` module; see README.md.
export { createServer, type CapstanServer, type ServerInput } from './server.ts';
export { defaultServerOptions, type ServerOptions, type VersionInfo, type HealthCheck } from './options.ts';
export {
  memorySettingsSource,
  type SettingsSource,
  type ArgoSettingsData,
  type RevokedToken,
} from './auth/settings-source.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export type { Session } from './auth/sessions.ts';
export {
  staticProjectSource,
  projectPolicy,
  type ProjectSource,
  type AppProject,
  type ProjectRole,
  type ProjectTokenRecord,
} from './rbac/projects.ts';
export { Authorizer, applicationObject, resourceAction, type Subject } from './rbac/authorizer.ts';
export { Enforcer, defaultRbacConfig, type RbacConfig } from './rbac/enforcer.ts';
export { parsePolicy, policyCsv, PolicyError, type Policy } from './rbac/policy.ts';
export {
  createMetrics,
  defaultMetricsOptions,
  type CapstanMetrics,
  type MetricsOptions,
} from './metrics/metrics.ts';
export { metricsSink } from './metrics/sink.ts';
export { SseHub, defaultSseHubOptions, type SseHubOptions, type SubscribeOptions } from './sse/hub.ts';
export type { SseCloseReason } from './sse/stream.ts';
export { ApiError, GRPC_CODES, permissionDenied, type GrpcCodeName } from './errors.ts';
export { maskResponse } from './mask/response.ts';
export type { ObjectCache, ObjectChange, ObjectKeyRef, ClusterView, ArgoQueries } from './cluster-view.ts';
