import type { TreeItem } from '../model/tree-build.ts';
import { Icon } from './Icon.tsx';
import { KIND_ABBREVIATIONS } from '../model/kind-abbrev.ts';

const HEALTH_ICON = {
  Healthy: 'healthy',
  Progressing: 'progressing',
  Degraded: 'degraded',
  Suspended: 'suspended',
  Missing: 'missing',
  Unknown: 'unknown',
} as const;

/** One box in the resource tree: kind, name, health and sync at a glance; a button to open details. */
export function TreeNode({
  item,
  x,
  y,
  width,
  height,
  selected,
  onSelect,
}: {
  item: TreeItem;
  x: number;
  y: number;
  width: number;
  height: number;
  selected: boolean;
  onSelect: (item: TreeItem) => void;
}) {
  const label = `${item.kind} ${item.name}${item.health ? `, ${item.health}` : ''}${item.sync ? `, ${item.sync}` : ''}`;
  return (
    <button
      type="button"
      className={`tree-node${selected ? ' selected' : ''}${item.root ? ' root' : ''} health-edge-${item.health ?? 'none'}`}
      style={{ left: x, top: y, width, height }}
      onClick={() => onSelect(item)}
      aria-label={label}
      aria-pressed={selected}
      data-testid="tree-node"
      data-kind={item.kind}
      data-name={item.name}
      data-health={item.health ?? ''}
      data-sync={item.sync ?? ''}
    >
      <span className="tree-kind" aria-hidden="true">
        {KIND_ABBREVIATIONS[item.kind] ?? item.kind.slice(0, 3).toLowerCase()}
      </span>
      <span className="tree-text">
        <span className="tree-name">{item.name}</span>
        <span className="tree-sub">{item.kind}</span>
      </span>
      <span className="tree-status" aria-hidden="true">
        {item.health && <Icon name={HEALTH_ICON[item.health]} className={`health-${item.health}`} />}
        {item.sync === 'OutOfSync' && <Icon name="outOfSync" className="sync-OutOfSync" />}
        {item.sync === 'Synced' && <Icon name="check" className="sync-Synced" />}
      </span>
    </button>
  );
}
