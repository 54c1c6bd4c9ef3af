/**
 * The kube module, imported on first use: its index pulls in the type schema, SSA, defaulting and
 * validation (~75 ms of start-up), which a build needs only for JSON 6902 patches and for merge
 * keys the schema cache does not hold yet.
 */
import type * as KubeModule from '../../kube/index.ts';

type Kube = typeof KubeModule;

let kube: Kube | undefined;

export async function loadKube(): Promise<Kube> {
  kube ??= await import('../../kube/index.ts');
  return kube;
}

/** The kube module, which `loadKube` must have loaded. */
export function loadedKube(): Kube {
  if (!kube) throw new Error('internal: the kube module is used before loadKube()');
  return kube;
}
