import { createHash } from 'node:crypto';

/**
 * What an image reference makes a simulated container do. Users trigger failure modes through
 * ordinary manifests:
 * - a registry host ending in `.invalid` never pulls (ErrImagePull, then ImagePullBackOff);
 * - tag `crashloop` starts, then exits 1 over and over (CrashLoopBackOff, restartCount grows);
 * - tag `fail` exits 1 once started (a Job's pod fails; under `restartPolicy: Always` it
 *   crash-loops like `crashloop`).
 */
export type ImageFault = 'pull' | 'crashloop' | 'fail' | undefined;

interface ImageRef {
  /** Registry host, `docker.io` when the reference names none. */
  host: string;
  /** Repository path, `library/` added for Docker Hub's official images. */
  path: string;
  tag: string;
  digest: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const hasHost = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first : 'docker.io';
  let path = hasHost ? rest.slice(first.length + 1) : rest;
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { host, path, tag: tag || (digest ? '' : 'latest'), digest };
}

export function imageFault(image: string): ImageFault {
  const ref = parseImage(image);
  if (ref.host.split(':')[0]!.endsWith('.invalid')) return 'pull';
  if (ref.tag === 'crashloop') return 'crashloop';
  if (ref.tag === 'fail') return 'fail';
  return undefined;
}

/** The fully qualified reference a container status reports (`docker.io/library/nginx:1.27`). */
export function qualifiedImage(image: string): string {
  const ref = parseImage(image);
  return `${ref.host}/${ref.path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** A stable digest per image, as `imageID` (`docker.io/library/nginx@sha256:…`). */
export function imageId(image: string): string {
  const ref = parseImage(image);
  const digest = ref.digest || `sha256:${createHash('sha256').update(qualifiedImage(image)).digest('hex')}`;
  return `${ref.host}/${ref.path}@${digest}`;
}

/** A plausible, stable image size for the Pulled event. */
export function imageSize(image: string): number {
  return 10_000_000 + (createHash('sha256').update(image).digest().readUInt32BE(0) % 90_000_000);
}

/** The error containerd gives for an unresolvable registry host. */
export function pullError(image: string): string {
  const ref = parseImage(image);
  const q = qualifiedImage(image);
  const ver = ref.digest || ref.tag;
  return `failed to pull and unpack image "${q}": failed to resolve reference "${q}": failed to do request: Head "https://${ref.host}/v2/${ref.path}/manifests/${ver}": dial tcp: lookup ${ref.host.split(':')[0]}: no such host`;
}

/** `imagePullPolicy`, defaulted as the API server does (Always for `:latest` or no tag). */
export function pullPolicy(container: { image?: string; imagePullPolicy?: string }): string {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  const ref = parseImage(container.image ?? '');
  return ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** A Go `time.Duration` string for the Pulled event (`512ms`, `1.5s`). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}
