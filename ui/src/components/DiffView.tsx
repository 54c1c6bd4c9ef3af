// Side-by-side diff of two manifests (live on the left, desired on the right, as Argo shows
// them). Secrets arrive masked from the server, so nothing secret is ever in these texts.
import { useMemo } from 'react';
import { diffRows, type Side } from '../model/diff-rows.ts';
import '../styles/diff.css';

function Cell({ side, kind }: { side: Side | undefined; kind: 'left' | 'right' }) {
  return (
    <>
      <td className="diff-no">{side?.no ?? ''}</td>
      <td className={`diff-text${side ? '' : ' diff-empty'} diff-${kind}`}>{side?.text ?? ''}</td>
    </>
  );
}

export function DiffView({ live, desired, title }: { live: string; desired: string; title: string }) {
  const rows = useMemo(() => diffRows(live, desired), [live, desired]);
  return (
    <table className="diff" aria-label={title} data-testid="diff-view">
      <colgroup>
        <col className="diff-no-col" />
        <col />
        <col className="diff-no-col" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th colSpan={2} scope="col">
            Live
          </th>
          <th colSpan={2} scope="col">
            Desired
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) =>
          row.type === 'fold' ? (
            <tr key={i} className="diff-fold">
              <td colSpan={4}>⋯ {row.count} unchanged lines</td>
            </tr>
          ) : (
            <tr
              key={i}
              className={`diff-${row.type}`}
              data-change={
                row.type === 'changed'
                  ? row.left && row.right
                    ? 'modified'
                    : row.left
                      ? 'removed'
                      : 'added'
                  : undefined
              }
            >
              <Cell side={row.left} kind="left" />
              <Cell side={row.right} kind="right" />
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
