// Side-by-side diff rows from two texts (YAML manifests): a removed block next to the added block
// that replaced it, line by line, and long unchanged runs folded to a few lines of context.
import { diffLines } from 'diff';

export interface Side {
  no: number;
  text: string;
}

export type DiffRow =
  | { type: 'same'; left: Side; right: Side }
  | { type: 'changed'; left?: Side | undefined; right?: Side | undefined }
  | { type: 'fold'; count: number };

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffRows(left: string, right: string, context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  let l = 1;
  let r = 1;
  let removed: Side[] = [];
  const flushRemoved = (added: Side[]): void => {
    const n = Math.max(removed.length, added.length);
    for (let i = 0; i < n; i++) rows.push({ type: 'changed', left: removed[i], right: added[i] });
    removed = [];
  };
  for (const part of diffLines(left, right)) {
    const lines = splitLines(part.value);
    if (part.removed) {
      removed.push(...lines.map((text) => ({ no: l++, text })));
    } else if (part.added) {
      flushRemoved(lines.map((text) => ({ no: r++, text })));
    } else {
      flushRemoved([]);
      for (const text of lines)
        rows.push({ type: 'same', left: { no: l++, text }, right: { no: r++, text } });
    }
  }
  flushRemoved([]);
  return fold(rows, context);
}

/** Replaces runs of unchanged rows further than `context` from any change with one fold row. */
function fold(rows: DiffRow[], context: number): DiffRow[] {
  const keep = rows.map((row) => row.type !== 'same');
  const near = keep.map((_, i) => {
    for (let d = -context; d <= context; d++) if (keep[i + d]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  let folded = 0;
  rows.forEach((row, i) => {
    if (near[i]) {
      if (folded > 0) out.push({ type: 'fold', count: folded });
      folded = 0;
      out.push(row);
    } else folded++;
  });
  if (folded > 0) out.push({ type: 'fold', count: folded });
  return out;
}
