/**
 * Argo CD's `NormalizeTargetObjects` and the shared-resource check of `CompareAppState`: the
 * rendered objects are made unique by key (the last of several wins, as `kubectl apply` of the
 * same stream would leave it, with a `RepeatedResourceWarning`), and a desired object that already
 * exists in the cluster tracked by another application is paired with that live object and named
 * in a `SharedResourceWarning`, so two applications fighting over one object is visible instead
 * of looking like a Missing resource.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import { isHook, type Tracker } from '../../engine/index.ts';
import type { ApplicationCondition } from './api/application-status.ts';

type IsNamespaced = (group: string, kind: string) => boolean | undefined;

interface Key {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

function keyOfTarget(obj: KubeObject, index: number, isNamespaced: IsNamespaced): Key {
  const { group } = parseApiVersion(obj.apiVersion);
  const namespace = isNamespaced(group, obj.kind) === false ? '' : (obj.metadata.namespace ?? '');
  // Objects named by the server (`generateName`) never collide with each other.
  const name = obj.metadata.name || `${obj.metadata.generateName ?? ''}${index}`;
  return { group, kind: obj.kind, namespace, name };
}

const keyText = (k: Key) => `${k.group}/${k.kind}/${k.namespace}/${k.name}`;

/** One object per key, the last one's content in the first one's place, and a warning per repeat. */
export function dedupeTargets(
  targets: readonly KubeObject[],
  isNamespaced: IsNamespaced,
): { targets: KubeObject[]; conditions: ApplicationCondition[] } {
  const byKey = new Map<string, KubeObject[]>();
  targets.forEach((t, i) => {
    const k = keyText(keyOfTarget(t, i, isNamespaced));
    byKey.set(k, [...(byKey.get(k) ?? []), t]);
  });
  const conditions: ApplicationCondition[] = [];
  for (const [k, all] of byKey) {
    if (all.length > 1)
      conditions.push({
        type: 'RepeatedResourceWarning',
        message: `Resource ${k} appeared ${all.length} times among application resources.`,
      });
  }
  return { targets: [...byKey.values()].map((all) => all[all.length - 1]!), conditions };
}

/**
 * Live objects the application does not track but renders (already there, or another
 * application's), to pair with their targets; a warning for each another application tracks.
 */
export function sharedLive(input: {
  targets: readonly KubeObject[];
  owned: readonly KubeObject[];
  get: (key: Key) => KubeObject | undefined;
  isNamespaced: IsNamespaced;
  tracker: Tracker;
  instance: string;
  /** Argo CD's `QualifiedName`: `namespace/name`. */
  appName: string;
}): { live: KubeObject[]; conditions: ApplicationCondition[] } {
  const ownedKeys = new Set(input.owned.map((o, i) => keyText(keyOfTarget(o, i, input.isNamespaced))));
  const live: KubeObject[] = [];
  const conditions: ApplicationCondition[] = [];
  input.targets.forEach((t, i) => {
    if (isHook(t) || !t.metadata.name) return;
    const key = keyOfTarget(t, i, input.isNamespaced);
    if (ownedKeys.has(keyText(key))) return;
    const found = input.get(key);
    if (!found) return;
    live.push(found);
    const other = input.tracker.ownerOf(found);
    if (other && other !== input.instance)
      conditions.push({
        type: 'SharedResourceWarning',
        message: `${found.kind}/${found.metadata.name} is part of applications ${input.appName} and ${other.replaceAll('_', '/')}`,
      });
  });
  return { live, conditions };
}
