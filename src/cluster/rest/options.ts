import { managerFromUserAgent, type FieldProblem } from '../../kube/index.ts';
import type { FieldValidation } from '../admission/types.ts';

/** What every write takes besides the object. */
export interface WriteOptions {
  /** `dryRun=All`: run every step, store nothing, emit no event. */
  dryRun?: boolean;
  fieldManager?: string;
  /** Default `Warn`, as kube-apiserver (≥ 1.23) defaults it. */
  fieldValidation?: FieldValidation;
  /** Names the manager when `fieldManager` is absent. */
  userAgent?: string;
  /** The Content-Type of the PATCH that produced the object. */
  patchType?: string;
  /** Duplicate (and unknown) fields found while decoding the body; see `AdmissionRequest`. */
  bodyProblems?: readonly FieldProblem[];
}

/** The outcome of a write: the object as stored (or as it would be, for a dry run). */
export interface WriteResult<T> {
  object: T;
  warnings: string[];
  /** The stored JSON of `object` when it is the stored object (not for dry runs). */
  json?: string;
}

/** kube-apiserver's rule: the fieldManager, else the User-Agent up to its first `/`. */
export function managerOf(options: WriteOptions): string {
  if (options.fieldManager) return options.fieldManager;
  return managerFromUserAgent(options.userAgent ?? '');
}
