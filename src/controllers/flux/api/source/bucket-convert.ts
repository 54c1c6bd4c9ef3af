import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, specOf } from '../convert.ts';
import type { Bucket } from './bucket.ts';

/** Any served Bucket as v1: `accessFrom` goes (v1 dropped it). */
export function bucketToInternal(obj: KubeObject): Bucket {
  const out = cloneAs<Bucket>(obj, 'v1', ['v1', 'v1beta2']);
  delete specOf(out)['accessFrom'];
  return out;
}
