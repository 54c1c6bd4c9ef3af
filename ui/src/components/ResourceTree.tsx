// The resource tree drawn left to right (model/tree-layout.ts): SVG edges under HTML node buttons,
// so nodes are real, focusable, labelled controls. Scrolls when larger than the panel.
import { useMemo } from 'react';
import { compareResources } from '../model/kind-order.ts';
import type { TreeItem } from '../model/tree-build.ts';
import { defaultLayoutOptions as o, layoutTree } from '../model/tree-layout.ts';
import { TreeNode } from './TreeNode.tsx';

export function ResourceTree({
  items,
  selected,
  onSelect,
}: {
  items: readonly TreeItem[];
  selected?: string | undefined;
  onSelect: (item: TreeItem) => void;
}) {
  const layout = useMemo(() => {
    const [root, ...rest] = items;
    const ordered = root ? [root, ...[...rest].sort(compareResources)] : [];
    return layoutTree(ordered);
  }, [items]);
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);

  return (
    <div className="tree-scroll" data-testid="resource-tree">
      <div className="tree-canvas" style={{ width: layout.width + 16, height: layout.height + 16 }}>
        <svg className="tree-edges" width={layout.width + 16} height={layout.height + 16} aria-hidden="true">
          {layout.edges.map((e) => {
            const [x1, y1, x2, y2] = e.points;
            const mid = (x1 + x2) / 2;
            return (
              <path key={`${e.from}>${e.to}`} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} />
            );
          })}
        </svg>
        {[...layout.nodes.values()].map((p) => {
          const item = byKey.get(p.key);
          if (!item) return null;
          return (
            <TreeNode
              key={p.key}
              item={item}
              x={p.x}
              y={p.y}
              width={o.nodeWidth}
              height={o.nodeHeight}
              selected={selected === p.key}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
