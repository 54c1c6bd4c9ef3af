import { silentLogger, type Logger } from '../core/index.ts';
import type { AdmissionStep } from './admission/types.ts';
import { systemClock, type Clock } from './controllers/loop/clock.ts';

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
  /**
   * Runs the garbage collector (ownerReferences; Background, Foreground and Orphan propagation).
   * Off, DELETE adds no `foregroundDeletion`/`orphan` finalizers and dependents stay.
   */
  garbageCollector: boolean;
  /**
   * Runs the simulated control plane: Nodes, scheduler, kubelet (Pods reach Running/Ready, with
   * failure modes), and the Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, HPA,
   * Service, Endpoints, EndpointSlice, Ingress and volume controllers. See README.md.
   */
  controllers: boolean;
  /** Simulated Nodes, `capstan-node-1` … (1–12). */
  nodes: number;
  /** Milliseconds from a Pod's scheduling to its containers running (image pull and start). */
  podStartDelayMs: number;
  /**
   * Scales the durations the simulation copies from real clusters (kubelet back-offs of 10 s
   * doubling to 5 min, termination grace, a Job container's run time, Job retry back-off):
   * 1 is real time, the default 0.1 runs them ten times faster.
   */
  pace: number;
  /** The controllers' clock (CronJob schedules, deadlines, back-offs); `fastClock(60)` makes a minute a second. */
  clock: Clock;
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
  garbageCollector: true,
  controllers: true,
  nodes: 1,
  podStartDelayMs: 200,
  pace: 0.1,
  clock: systemClock,
  logger: silentLogger,
};
