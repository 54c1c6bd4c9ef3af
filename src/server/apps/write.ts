/** Writes to an Application through the Kubernetes API, with errors in the API's terms. */
import type { KubeObject } from '../../core/index.ts';
import {
  AlreadyExistsError,
  BadRequestError,
  ConflictError,
  InvalidError,
  NotFoundError,
  type KubeClient,
} from '../../kube/index.ts';
import { ApiError } from '../errors.ts';

export const APP_API_VERSION = 'argoproj.io/v1alpha1';

export async function patchApp(
  client: KubeClient,
  namespace: string,
  name: string,
  body: unknown,
  signal: AbortSignal,
): Promise<KubeObject> {
  try {
    return await client.patch(
      { apiVersion: APP_API_VERSION, kind: 'Application', namespace, name },
      { type: 'merge', body },
      { signal, fieldManager: 'capstan-server' },
    );
  } catch (err) {
    throw kubeToApiError(err);
  }
}

export function kubeToApiError(err: unknown): unknown {
  if (err instanceof NotFoundError) return new ApiError('NotFound', err.message, { cause: err });
  if (err instanceof ConflictError) return new ApiError('Aborted', err.message, { cause: err });
  if (err instanceof AlreadyExistsError) return new ApiError('AlreadyExists', err.message, { cause: err });
  // The API server's validation (the CRD's schema, names): the caller's input, not a bug.
  if (err instanceof InvalidError || err instanceof BadRequestError)
    return new ApiError('InvalidArgument', err.message, { cause: err });
  return err;
}
