// The UI's typed client of docs/api.md. Pages and components import from here only.
export * from './types.ts';
export { ApiError, describeError } from './errors.ts';
export { onUnauthenticated } from './http.ts';
export { login, logout, userInfo, settings, listProjects } from './session.ts';
export * from './applications.ts';
export * from './flux.ts';
export { runWatchLoop, type LiveState } from './watch.ts';
