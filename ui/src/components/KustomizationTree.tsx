// The objects a Kustomization applied, as a tree with live health (…/resource-tree). Older servers
// without the endpoint just leave it out: the inventory table still says what was applied.
import { useState } from 'react';
import { getKustomizationTree, type Kustomization } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { fluxHealth } from '../model/health.ts';
import { buildTree } from '../model/tree-build.ts';
import { ResourceTree } from './ResourceTree.tsx';
import { ResourceSummary } from './ResourceSummary.tsx';
import '../styles/tree.css';

export function KustomizationTree({ ks }: { ks: Kustomization }) {
  const key = { namespace: ks.metadata.namespace ?? '', name: ks.metadata.name };
  const tree = useAsync(`${key.namespace}/${key.name}@${ks.metadata.resourceVersion ?? ''}`, (signal) =>
    getKustomizationTree(key, signal),
  );
  const [selected, setSelected] = useState<string>();
  if (!tree.data?.nodes?.length) return null;
  const items = buildTree(
    { kind: 'Kustomization', namespace: key.namespace, name: key.name, health: fluxHealth(ks) },
    tree.data.nodes ?? [],
  );
  const item = items.find((i) => i.key === selected && !i.root);
  return (
    <div className="tree-layout">
      <ResourceTree items={items} selected={selected} onSelect={(i) => setSelected(i.key)} />
      {item && (
        <aside className="resource-panel" aria-label={`${item.kind} ${item.name}`}>
          <ResourceSummary item={item} />
        </aside>
      )}
    </div>
  );
}
