import { array, map, object, string, type Schema } from '../../index.ts';
import { applicationSpecSchema } from './application-schema.ts';

/** `ApplicationSetTemplate`: the Application metadata a template may set, and a full spec. */
export function templateSchema(): Schema {
  return object(
    {
      metadata: object({
        annotations: map(),
        finalizers: array(string()),
        labels: map(),
        name: string(),
        namespace: string(),
      }),
      spec: applicationSpecSchema(),
    },
    { required: ['metadata', 'spec'] },
  );
}
