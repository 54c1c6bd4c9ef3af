import { createHash } from 'node:crypto';
import { formatApiVersion } from '../../core/index.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import { KUBERNETES_VERSION } from './version.ts';

/**
 * The minimal OpenAPI v3 that kubectl ≥ 1.29 needs to validate with `--validate=strict`: per
 * group/version, each kind's PATCH operation carrying its group-version-kind and a
 * `fieldValidation` parameter, which makes kubectl delegate validation to the server
 * (`fieldValidation=Strict`). The PATCH bodies deliberately list only json-patch, merge-patch
 * and apply-patch: advertising strategic-merge-patch without full schemas makes kubectl warn
 * while computing patches (see the reference, §1.5). Custom resources carry their CRD schema.
 */
export class OpenApiV3 {
  readonly #registry: Registry;
  #generation = -1;
  #docs = new Map<string, { json: string; hash: string }>();

  constructor(registry: Registry) {
    this.#registry = registry;
  }

  /** `GET /openapi/v3`: where each group/version's document is, with its content hash. */
  index(): string {
    this.#refresh();
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [path, doc] of this.#docs)
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` };
    return JSON.stringify({ paths });
  }

  /** The document for `api/v1` or `apis/<group>/<version>`. */
  document(path: string): { json: string; hash: string } | undefined {
    this.#refresh();
    return this.#docs.get(path);
  }

  #refresh(): void {
    if (this.#generation === this.#registry.generation) return;
    this.#generation = this.#registry.generation;
    const byGv = new Map<string, ResourceInfo[]>();
    for (const r of this.#registry.all()) {
      const path = r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`;
      byGv.set(path, [...(byGv.get(path) ?? []), r]);
    }
    this.#docs = new Map();
    for (const [path, infos] of byGv) {
      const json = JSON.stringify(groupVersionDocument(infos));
      this.#docs.set(path, {
        json,
        hash: createHash('sha512').update(json).digest('hex').slice(0, 128).toUpperCase(),
      });
    }
  }
}

const PATCH_REF = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch';

function queryParam(name: string, type: 'string' | 'boolean', description: string): object {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const PATCH_PARAMETERS = [
  queryParam('dryRun', 'string', 'When present, indicates that modifications should not be persisted.'),
  queryParam(
    'fieldManager',
    'string',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  queryParam(
    'fieldValidation',
    'string',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
  ),
  queryParam(
    'force',
    'boolean',
    'Force is going to "force" Apply requests. It must be unset for non-apply patch requests.',
  ),
];

function groupVersionDocument(infos: ResourceInfo[]): object {
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = {
    'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': {
      type: 'object',
      description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    },
  };
  for (const r of infos) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const schemaName = definitionName(r);
    schemas[schemaName] = { ...objectSchema(r), 'x-kubernetes-group-version-kind': [gvk] };
    const prefix = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
    const path = r.namespaced
      ? `${prefix}/namespaces/{namespace}/${r.plural}/{name}`
      : `${prefix}/${r.plural}/{name}`;
    const body = { schema: { $ref: PATCH_REF } };
    paths[path] = {
      parameters: [
        {
          name: 'name',
          in: 'path',
          required: true,
          description: `name of the ${r.kind}`,
          schema: { type: 'string', uniqueItems: true },
        },
        ...(r.namespaced
          ? [
              {
                name: 'namespace',
                in: 'path',
                required: true,
                description: 'object name and auth scope',
                schema: { type: 'string', uniqueItems: true },
              },
            ]
          : []),
      ],
      patch: {
        description: `partially update the specified ${r.kind}`,
        operationId: `patch${r.kind}`,
        parameters: PATCH_PARAMETERS,
        requestBody: {
          content: {
            'application/apply-patch+yaml': body,
            'application/json-patch+json': body,
            'application/merge-patch+json': body,
          },
          required: true,
        },
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } },
          },
        },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: {
      title: 'Kubernetes',
      version: `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`,
    },
    paths,
    components: { schemas },
  };
}

function objectSchema(r: ResourceInfo): object {
  const schema = r.crd?.schema;
  if (!schema) return { type: 'object', description: `${formatApiVersion(r.group, r.version)} ${r.kind}` };
  return { ...schema, type: 'object' };
}

/** The OpenAPI definition name kube-apiserver uses: Go package path for built-ins, reversed group for CRDs. */
function definitionName(r: ResourceInfo): string {
  if (r.crd) return `${r.group.split('.').reverse().join('.')}.${r.version}.${r.kind}`;
  if (r.group === 'apiextensions.k8s.io')
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${r.version}.${r.kind}`;
  const pkg = r.group === '' ? 'core' : r.group.split('.')[0]!;
  return `io.k8s.api.${pkg}.${r.version}.${r.kind}`;
}
