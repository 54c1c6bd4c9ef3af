import type { KubeObject } from '../../core/index.ts';
import { badRequest, conflict, invalid, MODIFIED_CONFLICT, notFound } from '../errors.ts';
import { formatLabelSelector } from '../select/labels.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import type { WriteOptions } from './options.ts';
import { updateObject } from './update.ts';

/** An `autoscaling/v1` Scale. */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function at(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The Scale view of an object with a scale subresource. */
export function scaleOf(info: ResourceInfo, obj: KubeObject): Scale {
  const paths = info.subresources.scale!;
  const selector = paths.labelSelectorPath ? at(obj, paths.labelSelectorPath) : undefined;
  const status: Scale['status'] = { replicas: Number(at(obj, paths.statusReplicasPath) ?? 0) };
  if (typeof selector === 'string') status.selector = selector;
  else if (selector && typeof selector === 'object')
    status.selector = formatLabelSelector(selector).replace(/^<none>$/, '');
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: Number(at(obj, paths.specReplicasPath) ?? 0) },
    status,
  };
}

export function getScale(state: ServerState, info: ResourceInfo, namespace: string, name: string): Scale {
  const stored = state.store.get(info.storageKey, info.namespaced ? namespace : '', name);
  if (!stored) throw notFound(info, name, namespace || undefined);
  return scaleOf(info, stored.object);
}

/**
 * Writes a Scale: `produce` turns the current Scale into the desired one (a PUT body, a patched
 * Scale), and only spec.replicas reaches the object, as an update of the `scale` subresource.
 */
export async function updateScale(
  state: ServerState,
  info: ResourceInfo,
  namespace: string,
  name: string,
  produce: (current: Scale) => unknown,
  options: WriteOptions,
): Promise<{ object: Scale; warnings: string[] }> {
  const paths = info.subresources.scale!;
  const result = await updateObject(
    state,
    info,
    namespace,
    name,
    async (current) => {
      const scale = scaleOf(info, current);
      const desired = (await produce(structuredClone(scale))) as Partial<Scale> | null;
      if (!desired || typeof desired !== 'object')
        throw badRequest('the body of the request must be a Scale object');
      const rv = desired.metadata?.resourceVersion;
      if (rv && rv !== scale.metadata.resourceVersion)
        throw conflict(info, name, MODIFIED_CONFLICT, namespace || undefined);
      const replicas = desired.spec?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.replicas',
            message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
          },
        ]);
      }
      setAt(current, paths.specReplicasPath, replicas);
      return current;
    },
    { ...options, subresource: 'scale' },
  );
  return { object: scaleOf(info, result.object), warnings: result.warnings };
}
