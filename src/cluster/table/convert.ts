import type { KubeObject } from '../../core/index.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import { configMapPrinter, namespacePrinter, nodePrinter, secretPrinter } from './cluster-types.ts';
import { eventPrinter } from './event.ts';
import { ingressPrinter } from './ingress.ts';
import { persistentVolumeClaimPrinter } from './pvc.ts';
import { servicePrinter } from './service.ts';
import { customPrinter, defaultPrinter } from './custom.ts';
import { podPrinter } from './pod.ts';
import type { ColumnDefinition, Printer } from './types.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads.ts';

const PRINTERS: Record<string, Printer> = {
  '/Pod': podPrinter,
  '/Service': servicePrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/Namespace': namespacePrinter,
  '/Node': nodePrinter,
  '/Event': eventPrinter,
  'events.k8s.io/Event': eventPrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
};

/** The printer for a type: built-in, from the CRD's columns, or the default. */
export function printerFor(info: ResourceInfo): Printer {
  if (info.crd) return customPrinter(info.crd.printerColumns);
  return PRINTERS[`${info.group}/${info.kind}`] ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  /** Omit the column definitions (every watch event after the first). */
  noHeaders?: boolean;
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[] | null;
  rows: unknown[];
}

/** A `meta.k8s.io/v1` Table of `objects` (in `info`'s version) as kubectl asks for it. */
export function toTable(
  info: ResourceInfo,
  objects: readonly KubeObject[],
  options: TableOptions,
  apiVersion = 'meta.k8s.io/v1',
): Table {
  const printer = printerFor(info);
  const now = Date.now();
  const rows = objects.map((o) => {
    // events.k8s.io Events print with the core Event printer, on the core field names.
    const printable = info.conversion ? info.conversion.toStorage(o) : o;
    const row: Record<string, unknown> = { cells: printer.cells(printable, now) };
    const conditions = printer.conditions?.(printable);
    if (conditions) row['conditions'] = conditions;
    if (options.includeObject === 'Object') row['object'] = o;
    else if (options.includeObject === 'Metadata') row['object'] = partialObjectMetadata(o, apiVersion);
    return row;
  });
  const metadata: Table['metadata'] = { resourceVersion: options.resourceVersion };
  if (options.continue) metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: options.noHeaders ? null : printer.columns,
    rows,
  };
}

/** An object reduced to its metadata (`as=PartialObjectMetadata`). */
export function partialObjectMetadata(o: KubeObject, apiVersion = 'meta.k8s.io/v1'): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: o.metadata };
}
