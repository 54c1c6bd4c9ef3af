// Tiles in as many columns as fit, virtualized by rows: only the rows on screen are in the DOM,
// so 1000 applications cost as much as 20.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ListItem } from '../model/list-items.ts';
import { AppTile } from './AppTile.tsx';

const TILE_MIN_WIDTH = 320;
const ROW_HEIGHT = 196;

export function AppTiles({ items }: { items: readonly ListItem[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(3);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setColumns(Math.max(1, Math.floor(entry.contentRect.width / TILE_MIN_WIDTH)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(items.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 3,
  });

  return (
    <div ref={scrollRef} className="virtual-scroll" data-testid="app-tiles" aria-label="Applications">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="list">
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="tile-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {items.slice(row.index * columns, row.index * columns + columns).map((item) => (
              <div role="listitem" key={item.key}>
                <AppTile item={item} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
