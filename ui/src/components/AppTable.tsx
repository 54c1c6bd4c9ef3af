// The list view: one row per application, virtualized; an ARIA table so screen readers announce
// the row and column while only the visible rows exist.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ListItem } from '../model/list-items.ts';
import { AppRow } from './AppRow.tsx';

const ROW_HEIGHT = 44;
const COLUMNS = [
  'Kind',
  'Name',
  'Namespace',
  'Project',
  'Health',
  'Sync',
  'Revision',
  'Source',
  'Destination',
];

export function AppTable({ items }: { items: readonly ListItem[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      className="app-table"
      role="table"
      aria-label="Applications"
      aria-rowcount={items.length + 1}
      data-testid="app-table"
    >
      <div className="app-table-row app-table-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <span role="columnheader" key={c}>
            {c}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="virtual-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={item.key}
                className="app-table-row"
                role="row"
                aria-rowindex={row.index + 2}
                style={{ transform: `translateY(${row.start}px)` }}
                data-testid="app-row"
                data-name={item.name}
                data-kind={item.kind}
              >
                <AppRow item={item} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
