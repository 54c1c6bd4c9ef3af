import { ALL_VERBS } from '../../kube/index.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { CrdVersion } from './crd-version.ts';
import type { Crd } from './crd-types.ts';

/** The resources a CRD serves: one per served version, all stored under the storage version. */
export function resourceInfosOf(crd: Crd): ResourceInfo[] {
  const { group, names, scope, versions } = crd.spec;
  const storage = versions.find((v) => v.storage)?.name ?? versions[0]?.name ?? '';
  const terminating = crd.metadata.deletionTimestamp !== undefined;
  return versions
    .filter((v) => v.served)
    .map((v) => {
      const scale = v.subresources?.scale;
      const crdVersion: CrdVersion = {
        crdName: crd.metadata.name ?? '',
        schema: v.schema?.openAPIV3Schema,
        printerColumns: (v.additionalPrinterColumns ?? []).map((c) => ({ ...c })),
        selectableFields: (v.selectableFields ?? []).map((f) =>
          f.jsonPath.startsWith('.') ? f.jsonPath : `.${f.jsonPath}`,
        ),
        scale: scale
          ? {
              specReplicasPath: scale.specReplicasPath.replace(/^\./, ''),
              statusReplicasPath: scale.statusReplicasPath.replace(/^\./, ''),
              ...(scale.labelSelectorPath
                ? { labelSelectorPath: scale.labelSelectorPath.replace(/^\./, '') }
                : {}),
            }
          : undefined,
        terminating,
      };
      return {
        group,
        version: v.name,
        kind: names.kind,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        namespaced: scope === 'Namespaced',
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        verbs: ALL_VERBS,
        subresources: {
          ...(v.subresources?.status ? { status: true } : {}),
          ...(crdVersion.scale ? { scale: crdVersion.scale } : {}),
        },
        generation: true,
        apiVersion: `${group}/${v.name}`,
        listKind: names.listKind ?? `${names.kind}List`,
        storageKey: `${group}/${names.plural}`,
        storageVersion: `${group}/${storage}`,
        crd: crdVersion,
      };
    });
}

/** True when the CRD's names were accepted (it can be served). */
export function isEstablished(crd: Crd): boolean {
  return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true;
}
