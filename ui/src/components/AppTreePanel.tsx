// The resource tree of an application, live, with a details panel for the clicked node.
import { useMemo, useState } from 'react';
import type { Application } from '../api/index.ts';
import { useResourceTree } from '../hooks/useApplication.ts';
import { useManagedResources } from '../hooks/useManagedResources.ts';
import { appKeyOf } from '../model/paths.ts';
import { buildTree, type TreeItem } from '../model/tree-build.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { ResourcePanel } from './ResourcePanel.tsx';
import { ResourceTree } from './ResourceTree.tsx';
import { Spinner } from './Spinner.tsx';
import '../styles/tree.css';

export function AppTreePanel({ app }: { app: Application }) {
  const key = appKeyOf(app);
  const tree = useResourceTree(key);
  const [selected, setSelected] = useState<string>();
  const items = useMemo(
    () =>
      buildTree(
        {
          kind: 'Application',
          namespace: app.metadata.namespace ?? '',
          name: app.metadata.name,
          health: app.status?.health?.status,
          sync: app.status?.sync?.status,
        },
        tree.data?.nodes ?? [],
        app.status?.resources ?? [],
      ),
    [app, tree.data],
  );
  const managed = useManagedResources(app, selected !== undefined);
  const item = items.find((i) => i.key === selected);

  if (!tree.data && tree.state === 'failed')
    return <ErrorBox title="The resource tree cannot be loaded" error={tree.error} />;
  if (!tree.data) return <Spinner label="Loading resources" />;
  return (
    <div className="tree-layout">
      <ResourceTree items={items} selected={selected} onSelect={(i: TreeItem) => setSelected(i.key)} />
      {item && !item.root && (
        <ResourcePanel
          appKey={key}
          item={item}
          managed={managed.data}
          onClose={() => setSelected(undefined)}
        />
      )}
    </div>
  );
}
