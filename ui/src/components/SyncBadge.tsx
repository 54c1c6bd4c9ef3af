import type { SyncStatus } from '../api/index.ts';
import { Icon } from './Icon.tsx';

export function SyncBadge({ status, revision }: { status: SyncStatus; revision?: string | undefined }) {
  const icon = status === 'Synced' ? 'check' : status === 'OutOfSync' ? 'outOfSync' : 'unknown';
  return (
    <span
      className={`badge sync sync-${status}`}
      data-testid="sync-badge"
      data-status={status}
      title={revision ? `${status} to ${revision}` : status}
    >
      <Icon name={icon} />
      {status}
    </span>
  );
}
