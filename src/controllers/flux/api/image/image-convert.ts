import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, isMap, specOf } from '../convert.ts';
import type { ImageRef, ImagePolicy } from './imagepolicy.ts';
import type { ImageRepository } from './imagerepository.ts';
import type { ImageUpdateAutomation } from './imageupdateautomation.ts';

const SERVED = ['v1', 'v1beta2', 'v1beta1'];

/** v1beta2 and v1 only added fields to v1beta1. */
export function imageRepositoryToInternal(obj: KubeObject): ImageRepository {
  return cloneAs<ImageRepository>(obj, 'v1', SERVED);
}

/**
 * Any served ImagePolicy as v1; a status written by a v1beta1 controller (`latestImage`,
 * `observedPreviousImage`, whole references) reads as `latestRef`/`observedPreviousRef`.
 */
export function imagePolicyToInternal(obj: KubeObject): ImagePolicy {
  const out = cloneAs<ImagePolicy>(obj, 'v1', SERVED);
  const status = out['status'];
  if (isMap(status)) {
    for (const [old, next] of [
      ['latestImage', 'latestRef'],
      ['observedPreviousImage', 'observedPreviousRef'],
    ] as const) {
      const image = status[old];
      delete status[old];
      if (typeof image === 'string' && image !== '' && status[next] === undefined)
        status[next] = parseImageRef(image);
    }
  }
  return out;
}

/** `registry/repo:tag@sha256:…` split as Flux records it; the tag after the last `/`. */
export function parseImageRef(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const ref: ImageRef = {
    name: hasTag ? rest.slice(0, colon) : rest,
    tag: hasTag ? rest.slice(colon + 1) : '',
  };
  if (digest) ref.digest = digest;
  return ref;
}

/**
 * v1beta1's commit message template data had `.Updated`; v1beta2 replaced it by `.Changed` (and
 * refuses `.Updated`). `.Updated.Files` and `.Updated.Objects` have exact successors, with the
 * same keys (file names; object identifiers with Kind and Name), so templates are rewritten to
 * them. Other uses of `.Updated` are left for the controller to report as Flux does.
 */
export function migrateMessageTemplate(template: string): string {
  return template
    .replace(/\.Updated\.Files\b/g, '.Changed.FileChanges')
    .replace(/\.Updated\.Objects\b/g, '.Changed.Objects');
}

export function imageUpdateAutomationToInternal(obj: KubeObject): ImageUpdateAutomation {
  const out = cloneAs<ImageUpdateAutomation>(obj, 'v1', SERVED);
  const git = specOf(out)['git'];
  const commit = isMap(git) ? git['commit'] : undefined;
  if (isMap(commit) && typeof commit['messageTemplate'] === 'string')
    commit['messageTemplate'] = migrateMessageTemplate(commit['messageTemplate']);
  return out;
}
