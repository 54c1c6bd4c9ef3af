import { useMemo } from 'react';
import type { HealthStatus } from '../api/index.ts';
import { HEALTH_ORDER } from '../model/health.ts';
import type { ListItem } from '../model/list-items.ts';

/** Argo's status bar: how many of what is listed are in each health and sync state. */
export function StatusSummary({ items }: { items: readonly ListItem[] }) {
  const counts = useMemo(() => {
    const health = new Map<HealthStatus, number>();
    let outOfSync = 0;
    let flux = 0;
    for (const i of items) {
      health.set(i.health, (health.get(i.health) ?? 0) + 1);
      if (i.kind === 'Application' && i.sync === 'OutOfSync') outOfSync++;
      if (i.kind === 'Kustomization') flux++;
    }
    return { health, outOfSync, flux };
  }, [items]);
  return (
    <p className="status-summary" data-testid="status-summary" aria-live="polite">
      <span>
        <strong data-testid="item-count">{items.length}</strong> shown
        {counts.flux > 0 && ` (${items.length - counts.flux} Argo, ${counts.flux} Flux)`}
      </span>
      {HEALTH_ORDER.filter((h) => counts.health.has(h)).map((h) => (
        <span key={h} className={`summary-chip health-${h}`}>
          {h} {counts.health.get(h)}
        </span>
      ))}
      {counts.outOfSync > 0 && (
        <span className="summary-chip sync-OutOfSync">OutOfSync {counts.outOfSync}</span>
      )}
    </p>
  );
}
