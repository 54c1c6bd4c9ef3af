import { getFlux, watchFlux, type FluxKey, type FluxObject, type FluxResource } from '../api/index.ts';
import { useLiveObject, type LiveObject } from './useLiveObject.ts';

/** One Flux object, live: GET, then its stream filtered to it. */
export function useFluxObject<T extends FluxObject>(resource: FluxResource, key: FluxKey): LiveObject<T> {
  return useLiveObject<T>(`${resource}/${key.namespace}/${key.name}`, {
    load: (signal) => getFlux<T>(resource, key, signal),
    stream: (onChange, signal, onOpen) =>
      watchFlux<T>(
        resource,
        { name: key.name, namespace: [key.namespace] },
        (e) => {
          if (e.object.metadata.name !== key.name || e.object.metadata.namespace !== key.namespace) return;
          onChange(e.type === 'DELETED' ? undefined : e.object);
        },
        signal,
        onOpen,
      ),
  });
}
