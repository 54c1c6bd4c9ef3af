import type { KubeObject } from '../../core/index.ts';
import type { Conversion } from './resource-info.ts';

/**
 * `events.k8s.io/v1` Events are core `v1` Events under other field names; the server stores
 * the core form and renames on the way in and out (as kube-apiserver's conversion does).
 */
const RENAMES: [string, string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];

export const eventsV1Conversion: Conversion = {
  fromStorage(stored) {
    const out: KubeObject = { ...stored, apiVersion: 'events.k8s.io/v1' };
    for (const [core, v1] of RENAMES) rename(out, core, v1);
    return out;
  },
  toStorage(object) {
    const out: KubeObject = { ...object, apiVersion: 'v1' };
    for (const [core, v1] of RENAMES) rename(out, v1, core);
    return out;
  },
};

function rename(obj: Record<string, unknown>, from: string, to: string): void {
  if (from in obj) {
    obj[to] = obj[from];
    delete obj[from];
  }
}
