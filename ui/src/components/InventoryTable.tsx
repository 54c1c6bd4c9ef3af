import type { Kustomization } from '../api/index.ts';
import { apiVersionOf, parseInventoryEntry } from '../model/inventory.ts';
import { compareResources } from '../model/kind-order.ts';
import { EmptyState } from './EmptyState.tsx';

/** What a Kustomization last applied (status.inventory), one row per object. */
export function InventoryTable({ ks }: { ks: Kustomization }) {
  const entries = ks.status?.inventory?.entries ?? [];
  const items = entries
    .map(parseInventoryEntry)
    .filter((i) => i !== undefined)
    .sort(compareResources);
  if (items.length === 0)
    return (
      <EmptyState title="Nothing applied yet">
        The inventory fills after the first successful reconcile.
      </EmptyState>
    );
  return (
    <table className="table" data-testid="inventory-table">
      <caption>
        Inventory: {items.length} object{items.length === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Namespace</th>
          <th scope="col">Name</th>
          <th scope="col">API version</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id} data-testid="inventory-row">
            <td>{i.kind}</td>
            <td>{i.namespace || '—'}</td>
            <td className="mono">{i.name}</td>
            <td className="mono">{apiVersionOf(i)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
