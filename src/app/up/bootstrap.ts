/**
 * What Argo CD's installation and first start leave in the control-plane namespace, created
 * only when missing so a restart (or a user's edit) keeps what is there: the namespaces, the
 * admin password (in `<data-dir>/admin-password`, hashed into `argocd-secret`, and in
 * `argocd-initial-admin-secret` as Argo does), the signing key, empty `argocd-cm` and
 * `argocd-rbac-cm`, and the `default` AppProject.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { KubeObject } from '../../core/index.ts';
import { AlreadyExistsError, type KubeClient } from '../../kube/index.ts';
import { hashPassword } from '../../server/index.ts';

const partOf = { 'app.kubernetes.io/part-of': 'argocd' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** 16 letters and digits, as Argo CD's initial password. */
function newPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The admin password kept in the data dir; made on the first start. */
export async function adminPassword(path: string): Promise<string> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (text) return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = newPassword();
  await writeFile(path, `${password}\n`, { mode: 0o600 });
  return password;
}

async function createIfMissing(client: KubeClient, obj: KubeObject, signal: AbortSignal): Promise<boolean> {
  try {
    await client.create(obj, { signal, fieldManager: 'capstan' });
    return true;
  } catch (err) {
    if (err instanceof AlreadyExistsError) return false;
    throw err;
  }
}

export async function bootstrapControlPlane(input: {
  client: KubeClient;
  namespace: string;
  extraNamespaces: readonly string[];
  password: string;
  signal: AbortSignal;
}): Promise<void> {
  const { client, namespace, password, signal } = input;
  for (const ns of [namespace, ...input.extraNamespaces]) {
    await createIfMissing(client, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, signal);
  }
  const meta = (name: string) => ({ name, namespace, labels: partOf });
  await createIfMissing(
    client,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('argocd-secret'),
      type: 'Opaque',
      data: {
        'admin.password': b64(await hashPassword(password)),
        'admin.passwordMtime': b64(new Date().toISOString().replace(/\.\d+Z$/, 'Z')),
        'server.secretkey': b64(randomBytes(32).toString('base64')),
      },
    },
    signal,
  );
  await createIfMissing(
    client,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'argocd-initial-admin-secret', namespace },
      type: 'Opaque',
      data: { password: b64(password) },
    },
    signal,
  );
  for (const name of ['argocd-cm', 'argocd-rbac-cm']) {
    await createIfMissing(
      client,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data: {} },
      signal,
    );
  }
  await createIfMissing(
    client,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'default', namespace },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    },
    signal,
  );
}
