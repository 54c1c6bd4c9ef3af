import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

/** A kubeconfig with one cluster, user and context, all named `name`. */
export function kubeconfigYaml(options: {
  name: string;
  server: string;
  token: string;
  ca?: string;
  namespace?: string;
}): string {
  const cluster: Record<string, string> = { server: options.server };
  if (options.ca) cluster['certificate-authority-data'] = Buffer.from(options.ca).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: options.name, cluster }],
    users: [{ name: options.name, user: { token: options.token } }],
    contexts: [
      {
        name: options.name,
        context: { cluster: options.name, user: options.name, namespace: options.namespace ?? 'default' },
      },
    ],
    'current-context': options.name,
    preferences: {},
  });
}

/** Writes a kubeconfig readable only by its owner (it holds the token). */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, { mode: 0o600 });
}
