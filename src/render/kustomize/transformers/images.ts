/** `images:` — ImageTagTransformer (api/filters/imagetag, both its legacy walk and field specs). */
import { KustomizeError } from '../errors.ts';
import { applyFieldSpec, isMap, type Container } from '../fieldspec.ts';
import type { FieldSpec, Image } from '../kustomization.ts';
import type { ResMap } from '../resmap.ts';
import { setScalarText } from '../set-scalar.ts';
import { scalarText } from '../resource.ts';
import type { Transformer } from './transformer.ts';

/** image.Split: name, tag and digest of an image reference. */
export function splitImage(ref: string): { name: string; tag: string; digest: string } {
  let search = ref;
  let slash = ref.indexOf('/');
  if (slash > 0) search = ref.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: ref, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: ref.slice(0, id), tag: '', digest: ref.slice(id).replace(/^@/, '') };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return {
      name: ref.slice(0, ic),
      tag: ref.slice(ic, id).replace(/^:/, ''),
      digest: ref.slice(id).replace(/^@/, ''),
    };
  }
  ic += slash;
  return { name: ref.slice(0, ic), tag: ref.slice(ic).replace(/^:/, ''), digest: '' };
}

function updater(
  img: Image,
  onChange: () => void,
): (c: Container, k: string | number, strict: boolean) => void {
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(`^${img.name ?? ''}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    pattern = undefined;
  }
  return (c, k, strict) => {
    const v = (c as Record<string | number, unknown>)[k];
    if (v === null || v === undefined || typeof v === 'object') {
      if (strict && v !== null && v !== undefined) {
        throw new KustomizeError(
          `wrong node kind: expected ScalarNode but got ${Array.isArray(v) ? 'SequenceNode' : 'MappingNode'}`,
        );
      }
      if (v === undefined || typeof v === 'object') return;
    }
    const value = scalarText(v);
    if (!pattern?.test(value)) return;
    let { name, tag, digest } = splitImage(value);
    if (img.newName) name = img.newName;
    if (img.newTag && img.digest) {
      tag = img.newTag;
      digest = img.digest;
    } else if (img.newTag) {
      tag = img.newTag;
      digest = '';
    } else if (img.digest) {
      tag = '';
      digest = img.digest;
    } else if (img.tagSuffix) {
      tag += img.tagSuffix;
      digest = '';
    }
    if (tag) name += ':' + tag;
    if (digest) name += '@' + digest;
    setScalarText(c, k, name);
    onChange();
  };
}

export function imageTagTransformer(img: Image, fieldSpecs: FieldSpec[]): Transformer {
  let changed = false;
  const update = updater(img, () => (changed = true));
  const legacyWalk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) legacyWalk(x);
      return;
    }
    if (!isMap(node)) return;
    for (const key in node) {
      const value = node[key];
      if (value === null || typeof value !== 'object') continue;
      legacyWalk(value);
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (const el of value) if (isMap(el) && Object.hasOwn(el, 'image')) update(el, 'image', false);
      }
    }
  };
  return {
    name: 'ImageTagTransformer',
    transform(m: ResMap): void {
      for (const r of m.resources()) {
        if (r.getKind() === 'CustomResourceDefinition') continue;
        changed = false;
        legacyWalk(r.obj);
        for (const fs of fieldSpecs) applyFieldSpec(r.obj, fs, (c, k) => update(c, k, true), undefined);
        if (changed) r.step(`ImageTagTransformer(${img.name ?? ''})`);
      }
    },
  };
}
