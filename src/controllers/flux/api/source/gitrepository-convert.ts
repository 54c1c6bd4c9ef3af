import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs, isMap, specOf } from '../convert.ts';
import type { GitRepository } from './gitrepository.ts';

/**
 * Any served GitRepository as v1: v1beta2's `gitImplementation` (go-git is the only one) and
 * `accessFrom` (v1 dropped cross-namespace access lists) go; verify mode `head` is `HEAD`.
 */
export function gitRepositoryToInternal(obj: KubeObject): GitRepository {
  const out = cloneAs<GitRepository>(obj, 'v1', ['v1', 'v1beta2']);
  const spec = specOf(out);
  delete spec['gitImplementation'];
  delete spec['accessFrom'];
  const verify = spec['verify'];
  if (isMap(verify) && verify['mode'] === 'head') verify['mode'] = 'HEAD';
  return out;
}
