// The application page's live data: the Application (GET, then its stream filtered by name) and
// its resource tree (the tree stream, whose first message is the current tree).
import {
  getApplication,
  getResourceTree,
  watchApplications,
  watchResourceTree,
  type AppKey,
  type Application,
  type ApplicationTree,
} from '../api/index.ts';
import { useLiveObject, type LiveObject } from './useLiveObject.ts';

export function useApplication(key: AppKey): LiveObject<Application> {
  return useLiveObject<Application>(`${key.appNamespace ?? ''}/${key.name}`, {
    load: (signal) => getApplication(key, signal),
    stream: (onChange, signal, onOpen) =>
      watchApplications(
        { name: key.name, ...(key.appNamespace ? { appNamespace: key.appNamespace } : {}) },
        (e) => {
          if (e.object.metadata.name !== key.name) return;
          onChange(e.type === 'DELETED' ? undefined : e.object);
        },
        signal,
        onOpen,
      ),
  });
}

export function useResourceTree(key: AppKey): LiveObject<ApplicationTree> {
  return useLiveObject<ApplicationTree>(`${key.appNamespace ?? ''}/${key.name}`, {
    load: (signal) => getResourceTree(key, signal),
    stream: (onChange, signal, onOpen) => watchResourceTree(key, onChange, signal, onOpen),
  });
}
