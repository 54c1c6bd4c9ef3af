import type { HealthStatus } from '../api/index.ts';
import { HealthBadge } from './HealthBadge.tsx';

/** Flux objects show Flux's own words (Ready, Reconciling, Stalled, Suspended) in health colours. */
export function FluxBadge({
  health,
  label,
  message,
}: {
  health: HealthStatus;
  label: string;
  message?: string | undefined;
}) {
  return (
    <span data-testid="flux-status" data-status={label}>
      <HealthBadge status={health} label={label} message={message} />
    </span>
  );
}
