import { getResource, type AppKey } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { parseState, toYaml, withoutNoise } from '../model/manifest.ts';
import type { TreeItem } from '../model/tree-build.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { Spinner } from './Spinner.tsx';

/** The live object as YAML (GET …/resource; Secrets come masked from the server). */
export function ResourceManifest({ appKey, item }: { appKey: AppKey; item: TreeItem }) {
  const manifest = useAsync(`${item.key}@${item.health ?? ''}${item.sync ?? ''}`, (signal) =>
    getResource(
      appKey,
      {
        group: item.group,
        version: item.version,
        kind: item.kind,
        namespace: item.namespace,
        name: item.name,
      },
      signal,
    ),
  );
  if (manifest.error !== undefined)
    return <ErrorBox title="The manifest cannot be loaded" error={manifest.error} />;
  if (manifest.data === undefined) return <Spinner label="Loading the manifest" />;
  const obj = withoutNoise(parseState(manifest.data));
  if (!obj) return <p className="muted">This resource does not exist in the cluster.</p>;
  return (
    <pre className="manifest" data-testid="live-manifest" tabIndex={0}>
      {toYaml(obj)}
    </pre>
  );
}
