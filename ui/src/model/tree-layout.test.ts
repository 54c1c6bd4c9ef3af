import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLayoutOptions as o, layoutTree } from './tree-layout.ts';

test('depth sets the column, leaves take rows in order, parents centre on their children', () => {
  const layout = layoutTree([
    { key: 'app', parents: [] },
    { key: 'deploy', parents: ['app'] },
    { key: 'rs', parents: ['deploy'] },
    { key: 'pod1', parents: ['rs'] },
    { key: 'pod2', parents: ['rs'] },
    { key: 'svc', parents: ['app'] },
  ]);
  const at = (k: string) => layout.nodes.get(k)!;
  const row = o.nodeHeight + o.rowGap;
  assert.equal(at('pod1').x, 3 * (o.nodeWidth + o.columnGap));
  assert.equal(at('pod1').y, 0);
  assert.equal(at('pod2').y, row);
  assert.equal(at('rs').y, row / 2);
  assert.equal(at('svc').y, 2 * row);
  assert.ok(at('app').y > at('deploy').y && at('app').y < at('svc').y);
  assert.equal(layout.edges.length, 5);
  assert.equal(layout.height, 2 * row + o.nodeHeight);
});

test('a node with two owners is placed once and gets an edge from each', () => {
  const layout = layoutTree([
    { key: 'a', parents: [] },
    { key: 'b', parents: [] },
    { key: 'c', parents: ['a', 'b'] },
  ]);
  assert.equal(layout.nodes.size, 3);
  assert.deepEqual(
    layout.edges.map((e) => e.from),
    ['a', 'b'],
  );
});

test('an ownership cycle still lays out every node', () => {
  const layout = layoutTree([
    { key: 'x', parents: ['y'] },
    { key: 'y', parents: ['x'] },
  ]);
  assert.equal(layout.nodes.size, 2);
});
