/**
 * Spreading periodic reconciles so that a thousand objects with the same interval do not all wake
 * up in the same second.
 */

export interface FluxJitterOptions {
  /** ±percent applied to the interval (Flux's `--interval-jitter-percentage`, default 5). */
  percent: number;
  /** A number in [0, 1); injectable for tests. */
  random: () => number;
}

export const defaultFluxJitterOptions: FluxJitterOptions = { percent: 5, random: Math.random };

/**
 * Flux's jittered interval (fluxcd/pkg `runtime/jitter`): `interval · (1 ± p)`, uniformly within
 * ±`percent`. A percent outside (0, 100) leaves the interval unchanged, as Flux does.
 */
export function fluxInterval(intervalMs: number, options: Partial<FluxJitterOptions> = {}): number {
  const { percent, random } = { ...defaultFluxJitterOptions, ...options };
  if (!(percent > 0 && percent < 100) || !(intervalMs > 0)) return intervalMs;
  const p = percent / 100;
  return intervalMs * (1 + p * (2 * random() - 1));
}

export interface ArgoResyncOptions {
  /** `timeout.reconciliation` in argocd-cm: 120 s by default; 0 disables periodic refresh. */
  timeoutMs: number;
  /** `timeout.reconciliation.jitter`: up to this much is added (60 s by default since Argo CD 3.0). */
  jitterMs: number;
  random: () => number;
}

export const defaultArgoResyncOptions: ArgoResyncOptions = {
  timeoutMs: 120_000,
  jitterMs: 60_000,
  random: Math.random,
};

/**
 * When Argo CD refreshes an Application again: the reconciliation timeout plus a random delay of
 * up to the jitter (so 120–180 s by default). `undefined` when the timeout is 0: no polling, only
 * webhooks and watch events.
 */
export function argoResyncDelay(options: Partial<ArgoResyncOptions> = {}): number | undefined {
  const { timeoutMs, jitterMs, random } = { ...defaultArgoResyncOptions, ...options };
  if (!(timeoutMs > 0)) return undefined;
  return timeoutMs + (jitterMs > 0 ? jitterMs * random() : 0);
}
