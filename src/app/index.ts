// Public face of the `app` module; see README.md.
export { serveCluster, defaultServeClusterOptions, type ServeClusterOptions } from './serve-cluster.ts';
