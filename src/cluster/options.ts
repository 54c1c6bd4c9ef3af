import { silentLogger, type Logger } from '../core/index.ts';
import type { AdmissionStep } from './admission/types.ts';

/** TLS from the user's own certificate and key files. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface ClusterOptions {
  /** Aborting it shuts the cluster down, like `close()`. */
  signal: AbortSignal;
  /** Where the cluster keeps its state (created when missing). */
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The bearer token every API request needs; generated and kept in the data dir when absent. */
  token?: string;
  /**
   * `'self-signed'` (the default): HTTPS with a certificate generated once into the data dir and
   * shipped in the kubeconfig. Files: your own certificate. `false`: plain HTTP — note that
   * kubectl (client-go) sends no credentials over plain HTTP, so only clients that do (such as
   * @kubernetes/client-node) can talk to it.
   */
  tls: 'self-signed' | TlsFiles | false;
  /** `process`: a write survives the process being killed; `power`: also power loss (fsync per write). */
  durable: 'process' | 'power';
  /** How many recent changes are kept for watch resume and paginated lists. */
  watchHistory: number;
  /** Watches without `timeoutSeconds` end after this many seconds (times a random 1–2). */
  watchTimeoutSeconds: number;
  /** How often a watch that asked for bookmarks gets one. */
  bookmarkIntervalMs: number;
  /** Extra admission steps, added after the built-in ones of their slot. */
  admission: AdmissionStep[];
  /** Set when a garbage collector (issue 5) handles Foreground/Orphan deletion finalizers. */
  garbageCollector: boolean;
  logger: Logger;
}

export const defaultClusterOptions: Omit<ClusterOptions, 'signal' | 'dataDir'> = {
  host: '127.0.0.1',
  port: 0,
  tls: 'self-signed',
  durable: 'process',
  watchHistory: 10_000,
  watchTimeoutSeconds: 1800,
  bookmarkIntervalMs: 60_000,
  admission: [],
  garbageCollector: false,
  logger: silentLogger,
};
