/**
 * Hooks declared with `metadata.generateName` get a name that is the same for every attempt of one
 * operation, so a retried sync finds the hook it already created (gitops-engine `getSyncTasks`):
 * `<generateName><revision[0:7]>-<phase>-<operation start, unix seconds>`, the suffix lowercased.
 */
import type { KubeObject } from '../../core/index.ts';

export function hookName(obj: KubeObject, phase: string, revision: string, startedAt: Date): string {
  if (obj.metadata.name) return obj.metadata.name;
  const rev = revision.length >= 8 ? revision.slice(0, 7) : revision;
  const suffix = `${rev}-${phase}-${Math.floor(startedAt.getTime() / 1000)}`.toLowerCase();
  return `${obj.metadata.generateName ?? ''}${suffix}`;
}
