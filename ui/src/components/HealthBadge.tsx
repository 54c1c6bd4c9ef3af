import type { HealthStatus } from '../api/index.ts';
import { Icon, type IconName } from './Icon.tsx';

const ICONS: Record<HealthStatus, IconName> = {
  Healthy: 'healthy',
  Progressing: 'progressing',
  Degraded: 'degraded',
  Suspended: 'suspended',
  Missing: 'missing',
  Unknown: 'unknown',
};

/** Argo's health word with its icon and colour; the message (why) is the tooltip. */
export function HealthBadge({
  status,
  message,
  label,
}: {
  status: HealthStatus;
  message?: string | undefined;
  label?: string;
}) {
  return (
    <span
      className={`badge health health-${status}`}
      data-testid="health-badge"
      data-status={status}
      title={message ?? status}
    >
      <Icon name={ICONS[status]} className={status === 'Progressing' ? 'spin' : undefined} />
      {label ?? status}
    </span>
  );
}
