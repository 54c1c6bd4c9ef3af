import { applyDefaults } from '../../../kube/index.ts';

/** The alphabet of `rand.SafeEncodeString`: no vowels, no look-alikes, so no words. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString`: each character mapped into the safe alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** FNV-1a, 32 bit. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** FNV-1, 32 bit (what ControllerRevision names use). */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so equal values hash alike whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A pod template as the API server stores it (defaults applied), so a template hashes and
 * compares the same before and after server-side defaulting.
 */
export function normalizedTemplate(template: unknown, dropLabel?: string): unknown {
  const pod = {
    apiVersion: 'v1',
    kind: 'PodTemplate',
    metadata: {},
    template: structuredClone(template ?? {}),
  };
  applyDefaults(pod);
  const t = pod.template as { metadata?: { labels?: Record<string, string> } };
  if (dropLabel && t.metadata?.labels) {
    delete t.metadata.labels[dropLabel];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/**
 * `controller.ComputeHash`: FNV-32a over the pod template, then the collision count as four
 * little-endian bytes when set, printed in decimal and safe-encoded. Kubernetes hashes Go's
 * `spew` dump of the struct; we hash canonical JSON of the defaulted template, so the values
 * differ from a real cluster's for the same template while behaving the same.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const enc = new TextEncoder();
  let h = fnv32a(enc.encode(canonicalJson(normalizedTemplate(template))));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncode(String(h));
}

/** `history.HashControllerRevision`: FNV-32 of the revision data (plus the collision count). */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  const enc = new TextEncoder();
  let h = fnv32(enc.encode(canonicalJson(data)));
  if (collisionCount) h = fnv32(enc.encode(String(collisionCount)), h);
  return safeEncode(String(h));
}
