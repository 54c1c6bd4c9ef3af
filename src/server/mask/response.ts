/**
 * The last line of defence for "Secrets never leak": every JSON response body and every SSE
 * message passes through here. Any core Secret found anywhere in it (a list item, a resource
 * tree node, a managed-resources entry, or a JSON string holding one, as Argo CD's
 * `liveState`/`targetState` are) gets Argo CD's `++++++++` masks and loses the last-applied
 * annotation (docs/api.md §1). Secrets a route masked already are left as they are; objects
 * without Secrets come back as the same references, so the common case copies nothing.
 */
import { isMaskedSecret, isSecret, LAST_APPLIED_ANNOTATION, maskSecretData } from '../../kube/index.ts';

const MAX_DEPTH = 64;

export function maskResponse(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === 'string') return maskJsonString(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const masked = maskResponse(item, depth + 1);
      if (masked !== item) (out ??= [...(value as unknown[])])[i] = masked;
    });
    return out ?? value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (isSecret(value)) return maskSecret(value);
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const masked = maskResponse(item, depth + 1);
    if (masked !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = masked;
  }
  return out ?? value;
}

function maskSecret(secret: Parameters<typeof isMaskedSecret>[0]) {
  const masked = isMaskedSecret(secret) ? structuredClone(secret) : maskSecretData([secret])[0]!;
  const annotations = masked.metadata?.annotations;
  if (annotations && LAST_APPLIED_ANNOTATION in annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = annotations;
    masked.metadata.annotations = rest;
  }
  return masked;
}

/** A JSON text holding a Secret (`"liveState": "{\"kind\":\"Secret\",…}"`) is masked as text. */
function maskJsonString(text: string): string {
  if (text.length < 20 || text[0] !== '{' || !text.includes('Secret')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const masked = maskResponse(parsed);
  return masked === parsed ? text : JSON.stringify(masked);
}
