import { openApiNode, type JsonSchemaProps } from '../schema/openapi.ts';
import type { SchemaNode } from '../schema/types.ts';

/**
 * A small recursive schema for the SMP tables, covering every strategy: `items` merge by `name`,
 * `plainItems` replace, `ports` merge as a primitive set, `plainPorts` replace, `labels` a map,
 * `replaced` the replace strategy, `strategy` retainKeys, `volumes` merge with retainKeys.
 */
function build(): SchemaNode {
  const item: JsonSchemaProps = { type: 'object', properties: {} };
  const strategy: JsonSchemaProps = { type: 'object', properties: {} };
  const props = (extra: Record<string, JsonSchemaProps>): Record<string, JsonSchemaProps> => ({
    name: { type: 'string' },
    value: { type: 'string' },
    other: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    ...extra,
  });
  const items: JsonSchemaProps = {
    type: 'array',
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': 'name',
    items: item,
  };
  const ports: JsonSchemaProps = {
    type: 'array',
    'x-kubernetes-patch-strategy': 'merge',
    items: { type: 'integer' },
  };
  strategy.properties = props({ items, ports, plainItems: { type: 'array', items: item } });
  item.properties = props({
    items,
    plainItems: { type: 'array', items: item },
    ports,
    plainPorts: { type: 'array', items: { type: 'integer' } },
    replaced: {
      type: 'object',
      'x-kubernetes-patch-strategy': 'replace',
      'x-kubernetes-preserve-unknown-fields': true,
    },
    strategy: { ...strategy, 'x-kubernetes-patch-strategy': 'retainKeys' },
    volumes: {
      type: 'array',
      'x-kubernetes-patch-strategy': 'merge,retainKeys',
      'x-kubernetes-patch-merge-key': 'name',
      items: item,
    },
  });
  return openApiNode(item, 'item');
}

export const testSchema: SchemaNode = build();
