/**
 * The unified text diff users read (`capstan app diff`, the UI's diff tab): YAML renderings of the
 * normalized live and desired objects, Secret values masked. Keys are sorted so that the order in
 * which the server or the renderer wrote them never shows as a change.
 */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { formatRef, type KubeObject } from '../../core/index.ts';
import { isObject } from '../object/path.ts';
import { cloneJson, normalizeSecret } from './normalize.ts';
import { isSecret, maskSecretData } from '../../kube/index.ts';

export interface RenderDiffOptions {
  /** Lines of context around each change. */
  context: number;
}

export const defaultRenderDiffOptions: RenderDiffOptions = { context: 3 };

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

export function toYaml(obj: KubeObject | undefined): string {
  return obj === undefined ? '' : stringify(sortKeys(obj), { lineWidth: 0 });
}

/** `--- live` / `+++ desired` unified diff; empty when the renderings are equal. */
export function renderDiff(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  options: Partial<RenderDiffOptions> = {},
): string {
  const o = { ...defaultRenderDiffOptions, ...options };
  // `stringData` is shown as the `data` the server stores, so equal values diff as equal.
  const folded = [desired, live].map((o) => {
    if (!isSecret(o) || !isObject(o['stringData'])) return o;
    const copy = cloneJson(o);
    normalizeSecret(copy);
    return copy;
  });
  const [maskedDesired, maskedLive] = maskSecretData(folded);
  const a = toYaml(maskedLive);
  const b = toYaml(maskedDesired);
  if (a === b) return '';
  const subject = formatRef((desired ?? live)!);
  return createTwoFilesPatch(`${subject} (live)`, `${subject} (desired)`, a, b, undefined, undefined, {
    context: o.context,
  });
}
