// A layered left-to-right layout for resource trees: depth decides the column, leaves take
// consecutive rows, and a parent sits centred on its children. Resource trees are trees in all
// but rare cases (an object with two owners): such a node is placed under its first parent and
// still gets an edge from the others. Deterministic, linear time, no dependency: a general DAG
// layout (dagre, elk) would cost 30–400 KB of bundle for shapes this simple.

export interface LayoutInput {
  key: string;
  parents: readonly string[];
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

// Four levels (Application → Deployment → ReplicaSet → Pod) fit a 1280-pixel window beside the
// navigation without scrolling sideways.
export const defaultLayoutOptions: LayoutOptions = {
  nodeWidth: 216,
  nodeHeight: 52,
  columnGap: 48,
  rowGap: 14,
};

export interface Placed {
  key: string;
  x: number;
  y: number;
  depth: number;
}

export interface Edge {
  from: string;
  to: string;
  points: [number, number, number, number];
}

export interface Layout {
  nodes: Map<string, Placed>;
  edges: Edge[];
  width: number;
  height: number;
}

/** Lays out `items` (already in display order: children keep this order under each parent). */
export function layoutTree(
  items: readonly LayoutInput[],
  options: LayoutOptions = defaultLayoutOptions,
): Layout {
  const keys = new Set(items.map((i) => i.key));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const item of items) {
    const parent = item.parents.find((p) => keys.has(p) && p !== item.key);
    if (parent === undefined) roots.push(item.key);
    else children.set(parent, [...(children.get(parent) ?? []), item.key]);
  }

  const nodes = new Map<string, Placed>();
  const rowHeight = options.nodeHeight + options.rowGap;
  let nextRow = 0;
  // Iterative post-order walk (deep trees must not overflow the stack); `seen` guards cycles.
  const seen = new Set<string>();
  const place = (start: string): void => {
    const stack: { key: string; depth: number; expanded: boolean }[] = [
      { key: start, depth: 0, expanded: false },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top.key) ?? [];
      if (!top.expanded) {
        top.expanded = true;
        seen.add(top.key);
        const pending = kids.filter((k) => !seen.has(k));
        for (let i = pending.length - 1; i >= 0; i--)
          stack.push({ key: pending[i]!, depth: top.depth + 1, expanded: false });
        continue;
      }
      stack.pop();
      const placedKids = kids
        .map((k) => nodes.get(k))
        .filter((p): p is Placed => p !== undefined && p.depth === top.depth + 1);
      const row =
        placedKids.length === 0
          ? nextRow++
          : (placedKids[0]!.y + placedKids[placedKids.length - 1]!.y) / 2 / rowHeight;
      nodes.set(top.key, {
        key: top.key,
        depth: top.depth,
        x: top.depth * (options.nodeWidth + options.columnGap),
        y: row * rowHeight,
      });
    }
  };
  for (const r of roots) if (!seen.has(r)) place(r);
  // Nodes caught in an ownership cycle have no root above them: lay them out as roots.
  for (const item of items) if (!seen.has(item.key)) place(item.key);

  const edges: Edge[] = [];
  for (const item of items) {
    const to = nodes.get(item.key);
    if (!to) continue;
    for (const p of item.parents) {
      const from = nodes.get(p);
      if (!from || p === item.key) continue;
      edges.push({
        from: p,
        to: item.key,
        points: [
          from.x + options.nodeWidth,
          from.y + options.nodeHeight / 2,
          to.x,
          to.y + options.nodeHeight / 2,
        ],
      });
    }
  }
  let width = 0;
  let height = 0;
  for (const n of nodes.values()) {
    width = Math.max(width, n.x + options.nodeWidth);
    height = Math.max(height, n.y + options.nodeHeight);
  }
  return { nodes, edges, width, height };
}
