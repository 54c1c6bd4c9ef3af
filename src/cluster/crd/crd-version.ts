import type { ScaleSubresource } from '../../kube/index.ts';
import type { JsonSchema } from './schema-types.ts';

/** A printer column of a CRD version (`additionalPrinterColumns`). */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** What the server keeps about one served version of a CustomResourceDefinition. */
export interface CrdVersion {
  readonly crdName: string;
  /** `openAPIV3Schema`; absent only for CRDs that preserve unknown fields at the root. */
  readonly schema: JsonSchema | undefined;
  readonly printerColumns: readonly PrinterColumn[];
  /** JSON paths of `selectableFields`, usable in field selectors. */
  readonly selectableFields: readonly string[];
  readonly scale: ScaleSubresource | undefined;
  /** The CRD is being deleted: its objects are going and no new ones are accepted. */
  readonly terminating: boolean;
}
