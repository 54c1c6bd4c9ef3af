/**
 * The name suffix kustomize appends to generated ConfigMaps and Secrets (api/hasher): sha256 of
 * the JSON of `{kind, name, data[, binaryData]}` (Secrets: `{kind, name, type, data[, stringData]}`),
 * first ten hex digits with 0→g 1→h 3→k a→m e→t so the suffix never looks like a number.
 */
import { createHash } from 'node:crypto';
import { goJsonMarshal } from './go-json.ts';
import { isMap } from '../fieldspec.ts';
import { scalarText, type KObject } from '../resource.ts';

const ENC: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

export function encodeHash(hex: string): string {
  return [...hex.slice(0, 10)].map((c) => ENC[c] ?? c).join('');
}

function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function valueAt(obj: KObject, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (!isMap(cur) || !Object.hasOwn(cur, p)) return '';
    cur = cur[p];
  }
  if (cur === null || cur === undefined) return '';
  if (typeof cur === 'object') return cur;
  return scalarText(cur);
}

export function resourceHash(obj: KObject): string {
  const kind = obj['kind'];
  let encoded: string;
  if (kind === 'ConfigMap') {
    const m: Record<string, unknown> = {
      kind: 'ConfigMap',
      // getNodeValues looks up "metadata/name" as one field name, which never exists.
      name: '',
      data: valueAt(obj, ['data']),
    };
    const bd = valueAt(obj, ['binaryData']);
    if (isMap(bd)) m['binaryData'] = bd;
    encoded = goJsonMarshal(m);
  } else if (kind === 'Secret') {
    const m: Record<string, unknown> = {
      kind: 'Secret',
      type: valueAt(obj, ['type']),
      // getNodeValues looks up "metadata/name" as one field name, which never exists.
      name: '',
      data: valueAt(obj, ['data']),
    };
    const sd = valueAt(obj, ['stringData']);
    if (isMap(sd)) m['stringData'] = sd;
    encoded = goJsonMarshal(m);
  } else {
    encoded = goJsonMarshal(obj);
  }
  return encodeHash(sha256Hex(encoded));
}
