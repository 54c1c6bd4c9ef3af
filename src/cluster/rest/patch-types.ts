import type { KubeObject } from '../../core/index.ts';
import { applyJsonPatch, applyMergePatch, PatchError, type FieldProblem } from '../../kube/index.ts';
import type { Subresource } from '../admission/types.ts';
import { ApiError, badRequest, unsupportedMediaType } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import { applyPatch } from './apply-patch.ts';
import { decodeJson } from './patch-decode.ts';
import { strategicMergePatch } from './strategic-patch.ts';

/** What a patch implementation gets besides the patch. */
export interface PatchContext {
  readonly resource: ResourceInfo;
  /** '' for the object itself, `status` or `scale` (where `current` is the Scale). */
  readonly subresource: Subresource;
  readonly fieldManager: string;
  readonly force: boolean;
  /** The request's clock (managedFields times). */
  readonly now: Date;
}

/** A decoded PATCH body and the duplicate fields in it (for `fieldValidation`). */
export interface DecodedPatch {
  readonly patch: unknown;
  readonly problems: readonly FieldProblem[];
}

/**
 * One PATCH media type. PATCH dispatches on Content-Type through a table of these; JSON patch,
 * merge patch, strategic merge patch and server-side apply are built in, and `register` adds or
 * replaces one with no handler changes.
 */
export interface PatchType {
  readonly contentType: string;
  /** Custom resources accept it (strategic merge patch: no — they answer 415). */
  readonly customResources: boolean;
  /** Decodes the request body (JSON for most types, YAML for apply). Throws a 400 `ApiError`. */
  decode(body: string): DecodedPatch;
  /** The patched object, from a private copy of the current one (it may be changed in place). */
  apply(current: KubeObject, patch: unknown, context: PatchContext): KubeObject | Promise<KubeObject>;
  /**
   * `apply` never changes `current` and returns an object sharing nothing with it, so it may be
   * handed the stored object instead of a copy (server-side apply: the merge result is cloned).
   */
  readonly readOnly?: boolean;
  /** When the object does not exist: the object to create (server-side apply creates), or undefined for 404. */
  createFrom?(patch: unknown, context: PatchContext): KubeObject | undefined;
}

/** Media types a PATCH may use, in the order kube-apiserver lists them. */
export const PATCH_MEDIA_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

export class PatchTypes {
  readonly #types = new Map<string, PatchType>();

  constructor() {
    this.register(jsonPatch);
    this.register(mergePatch);
    this.register(strategicMergePatch);
    this.register(applyPatch);
  }

  /** Adds or replaces the implementation of a media type. */
  register(type: PatchType): void {
    this.#types.set(type.contentType, type);
  }

  /** The implementation for a request's Content-Type, or 415 naming what this resource accepts. */
  get(contentType: string, info: ResourceInfo): PatchType {
    const type = this.#types.get(contentType);
    if (!type || (info.crd && !type.customResources)) throw unsupportedMediaType(this.accepted(info));
    return type;
  }

  /** The media types PATCH on this resource accepts, in the order kube-apiserver lists them. */
  accepted(info: ResourceInfo): string[] {
    return PATCH_MEDIA_TYPES.filter((t) => {
      const type = this.#types.get(t);
      return type && (!info.crd || type.customResources);
    });
  }
}

/** A PatchError as the API answers it: 400 for a malformed patch, 422 for one that does not apply. */
export function patchFailure(err: unknown): unknown {
  if (!(err instanceof PatchError)) return err;
  return err.code === 'PATCH_MALFORMED'
    ? badRequest(err.message)
    : new ApiError({ message: err.message, reason: 'Invalid', code: 422 });
}

const jsonPatch: PatchType = {
  contentType: 'application/json-patch+json',
  customResources: true,
  decode: decodeJson,
  apply(current, patch) {
    try {
      return applyJsonPatch<KubeObject>(current, patch);
    } catch (err) {
      throw patchFailure(err);
    }
  },
};

const mergePatch: PatchType = {
  contentType: 'application/merge-patch+json',
  customResources: true,
  decode: decodeJson,
  apply(current, patch) {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw badRequest('error decoding patch: a merge patch must be a JSON object');
    }
    return applyMergePatch<KubeObject>(current, patch);
  },
};
