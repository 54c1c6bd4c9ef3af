// The UI's own URLs (Argo's habits: /applications/<namespace>/<name>).
export const appPath = (namespace: string, name: string): string =>
  `/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const kustomizationPath = (namespace: string, name: string): string =>
  `/flux/kustomizations/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const gitRepositoryPath = (namespace: string, name: string): string =>
  `/flux/gitrepositories/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const itemPath = (item: { kind: string; namespace: string; name: string }): string =>
  item.kind === 'Kustomization'
    ? kustomizationPath(item.namespace, item.name)
    : appPath(item.namespace, item.name);

/** The API key of an Application object. */
export const appKeyOf = (app: {
  metadata: { name: string; namespace?: string | undefined };
}): { name: string; appNamespace?: string } =>
  app.metadata.namespace
    ? { name: app.metadata.name, appNamespace: app.metadata.namespace }
    : { name: app.metadata.name };
