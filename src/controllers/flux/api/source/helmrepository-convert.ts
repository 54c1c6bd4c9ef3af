import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs } from '../convert.ts';
import type { HelmRepository } from './helmrepository.ts';

/** v1beta2 and v1 have the same fields: only the version changes. */
export function helmRepositoryToInternal(obj: KubeObject): HelmRepository {
  return cloneAs<HelmRepository>(obj, 'v1', ['v1', 'v1beta2']);
}
