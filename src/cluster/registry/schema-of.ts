import {
  ANY,
  schemaFor,
  schemaForCustomResource,
  type JsonSchemaProps,
  type SchemaNode,
} from '../../kube/index.ts';
import type { CrdVersion } from '../crd/crd-version.ts';
import type { ResourceInfo } from './resource-info.ts';

// One node tree per served CRD version: a changed CRD makes new CrdVersion objects, so the cache
// follows it without invalidation.
const crSchemas = new WeakMap<CrdVersion, SchemaNode>();

/**
 * The schema the merge algorithms walk for a served resource: the built-in type's, the CRD
 * version's for custom resources, untyped when neither is known.
 */
export function schemaOfResource(info: ResourceInfo): SchemaNode {
  const crd = info.crd;
  if (!crd) return schemaFor({ apiVersion: info.apiVersion, kind: info.kind }) ?? ANY;
  let node = crSchemas.get(crd);
  if (!node) {
    const openAPIV3Schema = crd.schema as JsonSchemaProps | undefined;
    node = schemaForCustomResource(
      {
        spec: {
          versions: [{ name: info.version, schema: { ...(openAPIV3Schema ? { openAPIV3Schema } : {}) } }],
        },
      },
      info.version,
    );
    crSchemas.set(crd, node);
  }
  return node;
}

/**
 * The fields a write to `subresource` resets, so nobody owns them (apiserver "reset fields"):
 * status on the main resource and spec on `/status` when the type has a status subresource,
 * nothing otherwise. Built-ins use kube's defaults, which say the same from their schema.
 */
export function resetFieldsOf(info: ResourceInfo, subresource: string): string[][] | undefined {
  if (!info.crd) return undefined;
  if (!info.subresources.status) return [];
  if (subresource === '') return [['status']];
  if (subresource === 'status') return [['spec']];
  return [];
}
