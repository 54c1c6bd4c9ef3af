import { since } from './duration.ts';
import { AGE_COLUMN, column, field, NAME_COLUMN, str, type Printer } from './types.ts';

const age = (ts: unknown, now: number) => since(ts, now);

const accessModes = (modes: unknown): string => {
  const list = (modes ?? []) as string[];
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']
    .filter((m) => list.includes(m))
    .map((m) => short[m])
    .join(',');
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    column(
      'Volume',
      'string',
      'volumeName is the binding reference to the PersistentVolume backing this claim.',
    ),
    column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    column(
      'Access Modes',
      'string',
      'accessModes contains the actual access modes the volume backing the PVC has.',
    ),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
  ],
  cells: (o, now) => {
    const volumeName = str(field(o, 'spec', 'volumeName'));
    const bound = volumeName !== '';
    const storageClass =
      o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      str(field(o, 'spec', 'storageClassName'));
    return [
      o.metadata.name,
      o.metadata.deletionTimestamp ? 'Terminating' : str(field(o, 'status', 'phase')),
      volumeName,
      bound ? str(field(o, 'status', 'capacity', 'storage')) : '',
      bound ? accessModes(field(o, 'status', 'accessModes')) : '',
      storageClass,
      str(field(o, 'spec', 'volumeAttributesClassName')) || '<unset>',
      age(o.metadata.creationTimestamp, now),
      str(field(o, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
};
