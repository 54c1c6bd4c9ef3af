/** Annotation keys kustomize uses internally while building; all are removed from the output. */
const D = 'internal.config.kubernetes.io';

export const ANN = {
  previousKinds: `${D}/previousKinds`,
  previousNames: `${D}/previousNames`,
  previousNamespaces: `${D}/previousNamespaces`,
  prefixes: `${D}/prefixes`,
  suffixes: `${D}/suffixes`,
  refBy: `${D}/refBy`,
  generatorBehavior: `${D}/generatorBehavior`,
  needsHashSuffix: `${D}/needsHashSuffix`,
  allowNameChange: `${D}/allowNameChange`,
  allowKindChange: `${D}/allowKindChange`,
  origin: 'config.kubernetes.io/origin',
  transformations: 'alpha.config.kubernetes.io/transformations',
  localConfig: 'config.kubernetes.io/local-config',
} as const;

/** resource.BuildAnnotations: removed by RemoveBuildAnnotations at the end of a build. */
export const BUILD_ANNOTATIONS = [
  ANN.previousKinds,
  ANN.previousNames,
  ANN.prefixes,
  ANN.suffixes,
  ANN.previousNamespaces,
  ANN.allowNameChange,
  ANN.allowKindChange,
  ANN.refBy,
  ANN.generatorBehavior,
  ANN.needsHashSuffix,
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'config.k8s.io/id',
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
];
