import type { KubeObject } from '../../../../core/index.ts';
import { cloneAs } from '../convert.ts';
import type { OCIRepository } from './ocirepository.ts';

/** v1 only added fields to v1beta2: only the version changes. */
export function ociRepositoryToInternal(obj: KubeObject): OCIRepository {
  return cloneAs<OCIRepository>(obj, 'v1', ['v1', 'v1beta2']);
}
