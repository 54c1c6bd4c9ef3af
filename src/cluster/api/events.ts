import { createHash } from 'node:crypto';
import { throwIfAborted, type KubeObject } from '../../core/index.ts';
import { timestamp } from '../admission/system-metadata.ts';
import { ApiError } from '../errors.ts';
import type { ServerState } from '../state.ts';
import type { ClusterApi, EventRecord } from './types.ts';

const EVENT = { apiVersion: 'v1', kind: 'Event' };

/**
 * Records a core v1 Event about `involved` the way client-go's recorder does: a repeat of the same
 * reason and message about the same object bumps `count` and `lastTimestamp` of one Event
 * instead of adding another. Events about cluster-scoped objects go to `default`.
 */
export async function recordEvent(
  api: ClusterApi,
  state: ServerState,
  involved: KubeObject,
  event: EventRecord,
  options?: { signal?: AbortSignal },
): Promise<KubeObject> {
  throwIfAborted(options?.signal);
  const namespace = involved.metadata.namespace || 'default';
  const key = [
    involved.metadata.uid,
    involved.kind,
    involved.metadata.name,
    event.type,
    event.reason,
    event.message,
  ].join('\u0000');
  const name = `${involved.metadata.name ?? 'unknown'}.${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const now = timestamp(state.now());
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const existing = await api.get(EVENT, { namespace, name });
      existing['count'] = ((existing['count'] as number | undefined) ?? 1) + 1;
      existing['lastTimestamp'] = now;
      return await api.update(existing, { fieldManager: event.reportingController ?? 'capstan' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.httpCode === 409) continue;
      if (err.httpCode !== 404) throw err;
    }
    try {
      return await api.create(
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject: {
            apiVersion: involved.apiVersion,
            kind: involved.kind,
            name: involved.metadata.name,
            ...(involved.metadata.namespace ? { namespace: involved.metadata.namespace } : {}),
            uid: involved.metadata.uid,
            resourceVersion: involved.metadata.resourceVersion,
          },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component: event.reportingController ?? 'capstan' },
          reportingComponent: event.reportingController ?? 'capstan',
          reportingInstance: event.reportingInstance ?? '',
          ...(event.action ? { action: event.action } : {}),
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          eventTime: null,
        },
        { fieldManager: event.reportingController ?? 'capstan' },
      );
    } catch (err) {
      if (!(err instanceof ApiError) || err.httpCode !== 409) throw err;
    }
  }
  throw new ApiError({
    message: `events "${name}": could not record after repeated conflicts`,
    reason: 'Conflict',
    code: 409,
  });
}
