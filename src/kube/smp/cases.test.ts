// Behaviour tables for strategic merge patch, re-expressed from the behaviours apimachinery's
// strategicpatch tests pin down. Each case gives the last-applied `original`, the new `modified`
// and the live `current`; we check the two-way patch (original → modified) and that applying it
// to original yields modified (or `twoWayResult`), then the three-way patch and its result on
// current. Cases named "…conflict" must fail three-way creation without overwrite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { JsonObject } from '../json.ts';
import { strategicMergePatch } from './apply.ts';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './create.ts';
import { StrategicMergePatchConflictError } from './errors.ts';
import { testSchema } from './testschema.ts';

interface Case {
  name: string;
  original?: JsonObject;
  modified: JsonObject;
  current: JsonObject;
  twoWay: JsonObject;
  twoWayResult?: JsonObject;
  threeWay: JsonObject;
  result: JsonObject;
}

const cases = parse(`
- name: no original
  modified: {name: a, value: b}
  current: {name: a, other: c}
  twoWay: {name: a, value: b}
  threeWay: {value: b}
  result: {name: a, value: b, other: c}

- name: nothing changes
  original: {name: a}
  modified: {name: a}
  current: {name: a}
  twoWay: {}
  threeWay: {}
  result: {name: a}

- name: a field is added and a live-only field is kept
  original: {name: a}
  modified: {name: a, value: b}
  current: {name: a, other: c}
  twoWay: {value: b}
  threeWay: {value: b}
  result: {name: a, value: b, other: c}

- name: a field changed live is overwritten, with conflict
  original: {name: a}
  modified: {name: a, value: b}
  current: {name: z, other: c}
  twoWay: {value: b}
  threeWay: {name: a, value: b}
  result: {name: a, value: b, other: c}

- name: a dropped field is deleted with null
  original: {name: a}
  modified: {value: b}
  current: {name: a, other: c}
  twoWay: {name: null, value: b}
  threeWay: {name: null, value: b}
  result: {value: b, other: c}

- name: a key dropped from a nested map is deleted
  original: {labels: {app: web, tier: front}}
  modified: {labels: {app: web}}
  current: {labels: {app: web, tier: front, owner: ops}}
  twoWay: {labels: {tier: null}}
  threeWay: {labels: {tier: null}}
  result: {labels: {app: web, owner: ops}}

- name: a nested map key changed live and dropped from the file, with conflict
  original: {labels: {app: web, tier: front}}
  modified: {labels: {app: web}}
  current: {labels: {app: api, tier: front, owner: ops}}
  twoWay: {labels: {tier: null}}
  threeWay: {labels: {app: web, tier: null}}
  result: {labels: {app: web, owner: ops}}

- name: every field of the map is dropped
  original: {name: a, value: b}
  modified: {}
  current: {name: a, value: b, other: c}
  twoWay: {name: null, value: null}
  threeWay: {name: null, value: null}
  result: {other: c}

- name: an explicit null in the file deletes live fields
  original: {name: a, value: b}
  modified: {name: n, value: null}
  current: {name: a, value: b, other: c}
  twoWay: {name: n, value: null}
  twoWayResult: {name: n}
  threeWay: {name: n, value: null}
  result: {name: n, other: c}

- name: a list without a merge strategy is replaced
  original: {plainPorts: [1, 2]}
  modified: {plainPorts: [2, 3]}
  current: {plainPorts: [1, 2]}
  twoWay: {plainPorts: [2, 3]}
  threeWay: {plainPorts: [2, 3]}
  result: {plainPorts: [2, 3]}

- name: a replaced list changed live, with conflict
  original: {plainPorts: [1, 2]}
  modified: {plainPorts: [2, 3]}
  current: {plainPorts: [1, 9]}
  twoWay: {plainPorts: [2, 3]}
  threeWay: {plainPorts: [2, 3]}
  result: {plainPorts: [2, 3]}

- name: scalars dropped from a merging primitive list use the deletion list
  original: {ports: [1, 2, 3]}
  modified: {ports: [1, 2]}
  current: {ports: [1, 2, 3, 4]}
  twoWay: {$setElementOrder/ports: [1, 2], $deleteFromPrimitiveList/ports: [3]}
  threeWay: {$setElementOrder/ports: [1, 2], $deleteFromPrimitiveList/ports: [3]}
  result: {ports: [1, 2, 4]}

- name: every duplicate of a dropped scalar goes
  original: {ports: [1, 2, 3, 3]}
  modified: {ports: [1, 2]}
  current: {ports: [1, 2, 3, 3, 4]}
  twoWay: {$setElementOrder/ports: [1, 2], $deleteFromPrimitiveList/ports: [3]}
  threeWay: {$setElementOrder/ports: [1, 2], $deleteFromPrimitiveList/ports: [3]}
  result: {ports: [1, 2, 4]}

- name: scalars are added and dropped in one patch
  original: {ports: [1, 2, 3]}
  modified: {ports: [1, 2, 4]}
  current: {ports: [1, 2, 3, 4]}
  twoWay: {$setElementOrder/ports: [1, 2, 4], $deleteFromPrimitiveList/ports: [3], ports: [4]}
  threeWay: {$setElementOrder/ports: [1, 2, 4], $deleteFromPrimitiveList/ports: [3]}
  result: {ports: [1, 2, 4]}

- name: an added scalar keeps the file's order among live items
  original: {ports: [1, 2]}
  modified: {ports: [3, 1, 2]}
  current: {ports: [1, 4, 2]}
  twoWay: {$setElementOrder/ports: [3, 1, 2], ports: [3]}
  threeWay: {$setElementOrder/ports: [3, 1, 2], ports: [3]}
  result: {ports: [3, 1, 4, 2]}

- name: a reorder and a deletion in a primitive list
  original: {ports: [1, 2, 3]}
  modified: {ports: [2, 1]}
  current: {ports: [1, 2, 3]}
  twoWay: {$setElementOrder/ports: [2, 1], $deleteFromPrimitiveList/ports: [3]}
  threeWay: {$setElementOrder/ports: [2, 1], $deleteFromPrimitiveList/ports: [3]}
  result: {ports: [2, 1]}

- name: merge lists of maps by key, adding and deleting an element changed live, with conflict
  original:
    items: [{name: a}, {name: b, value: b}]
  modified:
    items: [{name: d, value: d}, {name: b, value: b}]
  current:
    items: [{name: a, other: x}, {name: b, value: b, other: y}, {name: c}]
  twoWay:
    $setElementOrder/items: [{name: d}, {name: b}]
    items: [{name: d, value: d}, {name: a, $patch: delete}]
  threeWay:
    $setElementOrder/items: [{name: d}, {name: b}]
    items: [{name: d, value: d}, {name: a, $patch: delete}]
  result:
    items: [{name: d, value: d}, {name: b, value: b, other: y}, {name: c}]

- name: a field is added to one element of a merging list
  original:
    items: [{name: a}, {name: b, value: b}]
  modified:
    items: [{name: a, value: a}, {name: b, value: b}]
  current:
    items: [{name: a, other: x}, {name: b, value: b}]
  twoWay:
    $setElementOrder/items: [{name: a}, {name: b}]
    items: [{name: a, value: a}]
  threeWay:
    $setElementOrder/items: [{name: a}, {name: b}]
    items: [{name: a, value: a}]
  result:
    items: [{name: a, value: a, other: x}, {name: b, value: b}]

- name: an element already live is added by the file
  original:
    items: [{name: a}]
  modified:
    items: [{name: a}, {name: b, value: b}]
  current:
    items: [{name: a}, {name: b, value: b, other: y}]
  twoWay:
    $setElementOrder/items: [{name: a}, {name: b}]
    items: [{name: b, value: b}]
  threeWay: {}
  result:
    items: [{name: a}, {name: b, value: b, other: y}]

- name: a changed element field overwrites a live change, with conflict
  original:
    items: [{name: a, value: one}]
  modified:
    items: [{name: a, value: two}]
  current:
    items: [{name: a, value: three, other: x}]
  twoWay:
    $setElementOrder/items: [{name: a}]
    items: [{name: a, value: two}]
  threeWay:
    $setElementOrder/items: [{name: a}]
    items: [{name: a, value: two}]
  result:
    items: [{name: a, value: two, other: x}]

- name: an element dropped from the file is deleted by key even when changed live, with conflict
  original:
    items: [{name: a}, {name: b}]
  modified:
    items: [{name: b}]
  current:
    items: [{name: a, other: x}, {name: b}]
  twoWay:
    $setElementOrder/items: [{name: b}]
    items: [{name: a, $patch: delete}]
  threeWay:
    $setElementOrder/items: [{name: b}]
    items: [{name: a, $patch: delete}]
  result:
    items: [{name: b}]

- name: deleting an element that is already gone is harmless
  original:
    items: [{name: a}, {name: b}]
  modified:
    items: [{name: b}]
  current:
    items: [{name: b}]
  twoWay:
    $setElementOrder/items: [{name: b}]
    items: [{name: a, $patch: delete}]
  threeWay:
    $setElementOrder/items: [{name: b}]
    items: [{name: a, $patch: delete}]
  result:
    items: [{name: b}]

- name: all elements are dropped, one changed live, with conflict
  original:
    items: [{name: a}, {name: b}]
  modified:
    items: []
  current:
    items: [{name: a, other: x}, {name: b}]
  twoWay:
    items: [{name: a, $patch: delete}, {name: b, $patch: delete}]
  threeWay:
    items: [{name: a, $patch: delete}, {name: b, $patch: delete}]
  result:
    items: []

- name: a field dropped from an element is deleted
  original:
    items: [{name: a, value: v}, {name: b}]
  modified:
    items: [{name: a}, {name: b}]
  current:
    items: [{name: a, value: v, other: x}, {name: b}]
  twoWay:
    $setElementOrder/items: [{name: a}, {name: b}]
    items: [{name: a, value: null}]
  threeWay:
    $setElementOrder/items: [{name: a}, {name: b}]
    items: [{name: a, value: null}]
  result:
    items: [{name: a, other: x}, {name: b}]

- name: a replaced list nested in a merging list
  original:
    items: [{name: a, plainItems: [{name: x}, {name: y}]}]
  modified:
    items: [{name: a, plainItems: [{name: z}]}]
  current:
    items: [{name: a, plainItems: [{name: x}, {name: y}], other: o}]
  twoWay:
    $setElementOrder/items: [{name: a}]
    items: [{name: a, plainItems: [{name: z}]}]
  threeWay:
    $setElementOrder/items: [{name: a}]
    items: [{name: a, plainItems: [{name: z}]}]
  result:
    items: [{name: a, plainItems: [{name: z}], other: o}]

- name: a field added in a merging list nested in a merging list
  original:
    items: [{name: a, items: [{name: x}, {name: y}]}]
  modified:
    items: [{name: a, items: [{name: x, value: v}, {name: y}]}]
  current:
    items: [{name: a, items: [{name: x}, {name: y}, {name: w}]}]
  twoWay:
    $setElementOrder/items: [{name: a}]
    items:
      - name: a
        $setElementOrder/items: [{name: x}, {name: y}]
        items: [{name: x, value: v}]
  threeWay:
    $setElementOrder/items: [{name: a}]
    items:
      - name: a
        $setElementOrder/items: [{name: x}, {name: y}]
        items: [{name: x, value: v}]
  result:
    items: [{name: a, items: [{name: x, value: v}, {name: y}, {name: w}]}]

- name: elements are reordered and live-only elements keep their place
  original:
    items: [{name: a}, {name: b, value: b}, {name: c, value: c}, {name: d, value: d}]
  modified:
    items: [{name: b, value: b}, {name: a}, {name: d, value: d}, {name: c, value: c}]
  current:
    items: [{name: a, other: x}, {name: b, value: b}, {name: z}, {name: c, value: c}, {name: d, value: d}]
  twoWay:
    $setElementOrder/items: [{name: b}, {name: a}, {name: d}, {name: c}]
  threeWay:
    $setElementOrder/items: [{name: b}, {name: a}, {name: d}, {name: c}]
  result:
    items: [{name: b, value: b}, {name: a, other: x}, {name: z}, {name: d, value: d}, {name: c, value: c}]

- name: several live-only elements stay together
  original:
    items: [{name: a}, {name: b, value: b}, {name: c, value: c}, {name: d, value: d}]
  modified:
    items: [{name: b, value: b}, {name: a}, {name: d, value: d}, {name: c, value: c}]
  current:
    items: [{name: a}, {name: b, value: b}, {name: x}, {name: z}, {name: y}, {name: c, value: c}, {name: d, value: d}]
  twoWay:
    $setElementOrder/items: [{name: b}, {name: a}, {name: d}, {name: c}]
  threeWay:
    $setElementOrder/items: [{name: b}, {name: a}, {name: d}, {name: c}]
  result:
    items: [{name: b, value: b}, {name: a}, {name: x}, {name: z}, {name: y}, {name: d, value: d}, {name: c, value: c}]

- name: one list loses an element while another is only reordered
  original:
    items: [{name: a, value: a}, {name: b, value: b}]
    volumes: [{name: c, value: c}, {name: d, value: d}]
  modified:
    items: [{name: b, value: b}]
    volumes: [{name: d, value: d}, {name: c, value: c}]
  current:
    items: [{name: a, value: a}, {name: b, value: b}]
    volumes: [{name: c, value: c}, {name: d, value: d}]
  twoWay:
    $setElementOrder/items: [{name: b}]
    $setElementOrder/volumes: [{name: d}, {name: c}]
    items: [{name: a, $patch: delete}]
  threeWay:
    $setElementOrder/items: [{name: b}]
    $setElementOrder/volumes: [{name: d}, {name: c}]
    items: [{name: a, $patch: delete}]
  result:
    items: [{name: b, value: b}]
    volumes: [{name: d, value: d}, {name: c, value: c}]

- name: a list gains its first element while a delete directive of the file is dropped
  original: {name: n}
  modified:
    name: n
    items: [{name: hello}, {name: gone, $patch: delete}]
  current:
    name: n
    items: [{name: live}]
  twoWay:
    items: [{name: hello}, {name: gone, $patch: delete}]
  twoWayResult:
    name: n
    items: [{name: hello}]
  threeWay:
    $setElementOrder/items: [{name: hello}, {name: gone}]
    items: [{name: hello}]
  result:
    name: n
    items: [{name: hello}, {name: live}]

- name: a retainKeys map clears a field the server defaulted
  original: {}
  modified: {strategy: {other: o}}
  current: {strategy: {value: defaulted}}
  twoWay: {strategy: {other: o}}
  threeWay: {strategy: {$retainKeys: [other], other: o}}
  result: {strategy: {other: o}}

- name: a retainKeys map switches its union member, with conflict
  original: {}
  modified: {strategy: {name: Recreate, other: o}}
  current: {strategy: {name: RollingUpdate, value: v}}
  twoWay: {strategy: {name: Recreate, other: o}}
  threeWay: {strategy: {$retainKeys: [name, other], name: Recreate, other: o}}
  result: {strategy: {name: Recreate, other: o}}

- name: a retainKeys map gains a field
  original: {strategy: {name: s}}
  modified: {strategy: {name: s, value: v}}
  current: {strategy: {name: s, other: o}}
  twoWay: {strategy: {$retainKeys: [name, value], value: v}}
  threeWay: {strategy: {$retainKeys: [name, value], value: v}}
  result: {strategy: {name: s, value: v}}

- name: a retainKeys map loses a field
  original: {strategy: {name: s, value: v}}
  modified: {strategy: {name: s}}
  current: {strategy: {name: s, value: v}}
  twoWay: {strategy: {$retainKeys: [name], value: null}}
  threeWay: {strategy: {$retainKeys: [name], value: null}}
  result: {strategy: {name: s}}

- name: an unchanged retainKeys map sends nothing
  original: {name: a, strategy: {name: s}}
  modified: {name: a, value: b, strategy: {name: s}}
  current: {name: a, other: c, strategy: {name: s}}
  twoWay: {value: b}
  threeWay: {value: b}
  result: {name: a, value: b, other: c, strategy: {name: s}}

- name: a retainKeys map with a nested merging list
  original: {strategy: {name: s, items: [{name: x}]}}
  modified: {strategy: {name: s, items: [{name: x}, {name: y}]}}
  current: {strategy: {name: s, items: [{name: x}], value: live}}
  twoWay:
    strategy:
      $retainKeys: [items, name]
      $setElementOrder/items: [{name: x}, {name: y}]
      items: [{name: y}]
  threeWay:
    strategy:
      $retainKeys: [items, name]
      $setElementOrder/items: [{name: x}, {name: y}]
      items: [{name: y}]
  result: {strategy: {name: s, items: [{name: x}, {name: y}]}}

- name: retainKeys elements of a merging list clear live-only fields
  original:
    volumes: [{name: b}, {name: f, value: a}]
  modified:
    volumes: [{name: b}, {name: f, value: a}]
  current:
    volumes: [{name: b}, {name: f, value: a, other: x}]
  twoWay: {}
  threeWay:
    $setElementOrder/volumes: [{name: b}, {name: f}]
    volumes: [{$retainKeys: [name, value], name: f}]
  result:
    volumes: [{name: b}, {name: f, value: a}]

- name: a retainKeys element changes a field live and in the file, with conflict
  original:
    volumes: [{name: b}, {name: f, value: old}]
  modified:
    volumes: [{name: b}, {name: f, value: mine}]
  current:
    volumes: [{name: b}, {name: f, value: theirs, other: x}]
  twoWay:
    $setElementOrder/volumes: [{name: b}, {name: f}]
    volumes: [{$retainKeys: [name, value], name: f, value: mine}]
  threeWay:
    $setElementOrder/volumes: [{name: b}, {name: f}]
    volumes: [{$retainKeys: [name, value], name: f, value: mine}]
  result:
    volumes: [{name: b}, {name: f, value: mine}]

- name: a replace-strategy field is always sent whole
  original: {replaced: {a: 1, b: 2}}
  modified: {replaced: {a: 1, b: 2}}
  current: {replaced: {a: 1, b: 2, c: 3}}
  twoWay: {replaced: {a: 1, b: 2}}
  threeWay: {replaced: {a: 1, b: 2}}
  result: {replaced: {a: 1, b: 2}}

- name: emptied merging lists stay empty
  original: {items: []}
  modified: {items: []}
  current: {items: []}
  twoWay: {}
  threeWay: {}
  result: {items: []}
`) as Case[];

function run(c: Case): void {
  const original = c.original ?? {};
  const twoWay = createTwoWayMergePatch(original, c.modified, testSchema);
  assert.deepEqual(twoWay, c.twoWay, 'two-way patch');
  assert.deepEqual(
    strategicMergePatch(original, twoWay, testSchema),
    c.twoWayResult ?? c.modified,
    'two-way result',
  );
  if (c.name.includes('conflict')) {
    assert.throws(
      () => createThreeWayMergePatch(c.original, c.modified, c.current, testSchema, { overwrite: false }),
      StrategicMergePatchConflictError,
    );
  } else {
    createThreeWayMergePatch(c.original, c.modified, c.current, testSchema, { overwrite: false });
  }
  const threeWay = createThreeWayMergePatch(c.original, c.modified, c.current, testSchema);
  assert.deepEqual(threeWay, c.threeWay, 'three-way patch');
  assert.deepEqual(strategicMergePatch(c.current, threeWay, testSchema), c.result, 'three-way result');
}

for (const c of cases) {
  test(c.name, () => run(c));
}
