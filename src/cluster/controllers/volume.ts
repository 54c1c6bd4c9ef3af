import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import type { ControllerContext } from './loop/context.ts';
import { POD, PV, PVC, STORAGE_CLASS } from './shared/kinds.ts';
import { isTerminal } from './shared/pods.ts';

const MANAGER = 'persistentvolume-controller';
export const DEFAULT_CLASS = 'standard';
export const PROVISIONER = 'capstan.dev/simulated';
const DEFAULT_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

interface ClaimSpec {
  storageClassName?: string | null;
  volumeName?: string;
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: { storage?: string } };
}
interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}

/** Creates the default StorageClass `standard` when the cluster has no StorageClass at all. */
export async function ensureDefaultStorageClass(ctx: ControllerContext): Promise<void> {
  const list = await ctx.api.list(STORAGE_CLASS);
  if (list.items.length > 0) return;
  try {
    await ctx.api.create(
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: DEFAULT_CLASS, annotations: { [DEFAULT_ANNOTATION]: 'true' } },
        provisioner: PROVISIONER,
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      },
      { fieldManager: MANAGER },
    );
  } catch (err) {
    if (!(err instanceof ApiError && err.httpCode === 409)) throw err;
  }
}

/**
 * The PersistentVolume controller with a simulated dynamic provisioner: a Pending claim of a
 * StorageClass (its own, or the default one when it names none) gets a PersistentVolume
 * `pvc-<claim uid>` and both turn Bound; with `volumeBindingMode: WaitForFirstConsumer` only
 * once a scheduled pod uses the claim. A claim with `storageClassName: ""` binds to a matching
 * Available volume. A released volume is deleted (reclaimPolicy Delete) or shows Released.
 */
export function startVolumeController(ctx: ControllerContext): void {
  const claims = ctx.informer(PVC);
  const volumes = ctx.informer(PV);
  const classes = ctx.informer<StorageClass>(STORAGE_CLASS);
  const pods = ctx.informer(POD);
  const waiting = new Set<string>();
  const claimQueue = ctx.queue('pvc-binder', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const claim = claims.get(ns, name);
    if (!claim || claim.metadata.deletionTimestamp) return;
    const spec = (claim.spec ?? {}) as ClaimSpec;
    const phase = (claim.status as { phase?: string } | undefined)?.phase;
    if (spec.volumeName) {
      const pv = volumes.get(undefined, spec.volumeName);
      if (pv && phase !== 'Bound') await markClaimBound(claim, pv);
      return;
    }
    const className = spec.storageClassName ?? defaultClass()?.metadata.name;
    if (className === undefined) return;
    if (className === '') {
      const pv = volumes.list().find((v) => staticMatch(v, spec));
      if (pv) await bind(claim, pv, className);
      return;
    }
    const sc = classes.get(undefined, className);
    if (!sc) {
      ctx.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
        MANAGER,
      );
      return;
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !consumer(claim)) {
      if (!waiting.has(key)) {
        waiting.add(key);
        ctx.event(
          claim,
          'Normal',
          'WaitForFirstConsumer',
          'waiting for first consumer to be created before binding',
          MANAGER,
        );
      }
      return;
    }
    waiting.delete(key);
    const pvName = `pvc-${claim.metadata.uid}`;
    let pv = volumes.get(undefined, pvName);
    if (!pv) {
      ctx.event(
        claim,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${ns}/${name}"`,
        sc.provisioner ?? PROVISIONER,
      );
      pv = await ctx.create(volumeFor(claim, spec, sc, pvName), MANAGER);
      ctx.event(
        claim,
        'Normal',
        'ProvisioningSucceeded',
        `Successfully provisioned volume ${pvName}`,
        sc.provisioner ?? PROVISIONER,
      );
    }
    await bind(claim, pv, className, sc.provisioner);
  });
  const volumeQueue = ctx.queue('pv-reclaimer', async (name) => {
    const pv = volumes.get(undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = (pv.spec as { claimRef?: { namespace?: string; name?: string; uid?: string } }).claimRef;
    const phase = (pv.status as { phase?: string } | undefined)?.phase;
    if (!ref) {
      if (phase !== 'Available') await setPhase(pv, 'Available');
      return;
    }
    const claim = claims.get(ref.namespace, ref.name ?? '');
    if (claim && claim.metadata.uid === ref.uid) {
      if (phase !== 'Bound' && (claim.spec as ClaimSpec).volumeName === name) await setPhase(pv, 'Bound');
      return;
    }
    if (!claim && phase === 'Bound') {
      if ((pv.spec as { persistentVolumeReclaimPolicy?: string }).persistentVolumeReclaimPolicy === 'Delete')
        await ctx.remove(PV, { name }, { fieldManager: MANAGER });
      else await setPhase(pv, 'Released');
    }
  });

  const defaultClass = () =>
    classes.list().find((c) => c.metadata.annotations?.[DEFAULT_ANNOTATION] === 'true');
  const consumer = (claim: KubeObject) =>
    pods
      .list(claim.metadata.namespace ?? '')
      .some(
        (p) =>
          !isTerminal(p) &&
          (p.spec as { nodeName?: string }).nodeName &&
          ((p.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] }).volumes ?? []).some(
            (v) => v.persistentVolumeClaim?.claimName === claim.metadata.name,
          ),
      );

  const bind = async (claim: KubeObject, pv: KubeObject, className: string, provisioner?: string) => {
    const pvCopy = structuredClone(pv);
    const pvSpec = pvCopy.spec as Record<string, unknown>;
    if (!pvSpec['claimRef']) {
      pvSpec['claimRef'] = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claim.metadata.name,
        namespace: claim.metadata.namespace,
        uid: claim.metadata.uid,
        resourceVersion: claim.metadata.resourceVersion,
      };
      await ctx.update(pvCopy, MANAGER);
    }
    const copy = structuredClone(claim);
    const spec = copy.spec as ClaimSpec;
    spec.volumeName = pv.metadata.name;
    if (spec.storageClassName === undefined || spec.storageClassName === null)
      spec.storageClassName = className;
    copy.metadata.annotations = {
      ...copy.metadata.annotations,
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      ...(provisioner
        ? {
            'volume.beta.kubernetes.io/storage-provisioner': provisioner,
            'volume.kubernetes.io/storage-provisioner': provisioner,
          }
        : {}),
    };
    const updated = await ctx.update(copy, MANAGER);
    await markClaimBound(updated, pv);
  };

  const markClaimBound = async (claim: KubeObject, pv: KubeObject) => {
    const pvSpec = (pv.spec ?? {}) as { capacity?: Record<string, string>; accessModes?: string[] };
    const copy = structuredClone(claim);
    copy.status = { phase: 'Bound', accessModes: pvSpec.accessModes ?? [], capacity: pvSpec.capacity ?? {} };
    await ctx.updateStatus(copy, MANAGER);
    const fresh = volumes.get(undefined, pv.metadata.name ?? '') ?? pv;
    if ((fresh.status as { phase?: string } | undefined)?.phase !== 'Bound') await setPhase(fresh, 'Bound');
  };

  const setPhase = async (pv: KubeObject, phase: string) => {
    const copy = structuredClone(pv);
    copy.status = { phase };
    delete copy.metadata.resourceVersion;
    await ctx.updateStatus(copy, MANAGER);
  };

  const enqueueClaim = (c: KubeObject) => claimQueue.add(`${c.metadata.namespace}/${c.metadata.name}`);
  claims.on({
    added: enqueueClaim,
    updated: (_o, c) => enqueueClaim(c),
    deleted: (c) => {
      const v = (c.spec as ClaimSpec).volumeName;
      if (v) volumeQueue.add(v);
    },
  });
  volumes.on({
    added: (v) => volumeQueue.add(v.metadata.name ?? ''),
    updated: (_o, v) => volumeQueue.add(v.metadata.name ?? ''),
  });
  classes.on({ added: () => claims.list().forEach(enqueueClaim) });
  pods.on({
    updated: (_o, p) => {
      for (const v of (p.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] })
        .volumes ?? [])
        if (
          v.persistentVolumeClaim?.claimName &&
          waiting.has(`${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}`)
        )
          claimQueue.add(`${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    },
  });
}

function staticMatch(pv: KubeObject, claim: ClaimSpec): boolean {
  const spec = (pv.spec ?? {}) as {
    claimRef?: unknown;
    storageClassName?: string;
    accessModes?: string[];
    capacity?: { storage?: string };
  };
  if (spec.claimRef || (spec.storageClassName ?? '') !== '') return false;
  if ((pv.status as { phase?: string } | undefined)?.phase !== 'Available') return false;
  if (!(claim.accessModes ?? []).every((m) => (spec.accessModes ?? []).includes(m))) return false;
  return bytes(spec.capacity?.storage) >= bytes(claim.resources?.requests?.storage);
}

function volumeFor(claim: KubeObject, spec: ClaimSpec, sc: StorageClass, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner ?? PROVISIONER } },
    spec: {
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: spec.volumeMode ?? 'Filesystem',
      hostPath: {
        path: `/var/local-path-provisioner/${name}_${claim.metadata.namespace}_${claim.metadata.name}`,
        type: 'DirectoryOrCreate',
      },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claim.metadata.name,
        namespace: claim.metadata.namespace,
        uid: claim.metadata.uid,
        resourceVersion: claim.metadata.resourceVersion,
      },
    },
  };
}

const UNITS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};
function bytes(q: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(q ?? '0');
  return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1) : 0;
}
