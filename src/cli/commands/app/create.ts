import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { CapstanError } from '../../../core/index.ts';
import type { App } from '../../api/app-types.ts';
import { apiClient, type ApiClient, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { applySpecFlags, specOptions, type SpecFlags } from './spec-flags.ts';

interface CreateFlags extends ServerFlags, SpecFlags {
  file?: string;
  appNamespace?: string;
  label?: string[];
  annotations?: string[];
  upsert?: boolean;
  setFinalizer?: boolean;
  validate: boolean;
}

type Obj = Record<string, unknown>;
const collect = (value: string, previous: string[] = []) => [...previous, value];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Applications of a YAML or JSON file (`-` is stdin), each document one Application. */
async function fromFile(path: string): Promise<Obj[]> {
  const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  const docs = parseAllDocuments(text);
  const apps: Obj[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const line = e.linePos?.[0]?.line;
      throw new CapstanError(`${path}${line ? `:${line}` : ''}: ${e.message.split('\n')[0]}`, {
        code: 'InvalidArgument',
      });
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || (value as Obj)['kind'] !== 'Application')
      throw new CapstanError(`${path}: every document must be an Application`, { code: 'InvalidArgument' });
    apps.push(value as Obj);
  }
  if (apps.length === 0) throw new CapstanError(`${path}: no Application in it`, { code: 'InvalidArgument' });
  return apps;
}

function keyValues(flag: string, items: string[] | undefined): Record<string, string> | undefined {
  if (!items?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CapstanError(`${flag} ${item}: KEY=VALUE`, { code: 'InvalidArgument' });
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** `created`, `updated` or `unchanged`, as argocd says it, by comparing with what was there. */
async function create(client: ApiClient, app: Obj, flags: CreateFlags): Promise<string> {
  const meta = app['metadata'] as { name: string; namespace?: string };
  const q = new URLSearchParams();
  if (meta.namespace) q.set('appNamespace', meta.namespace);
  const path = `/api/v1/applications/${encodeURIComponent(meta.name)}${q.size ? `?${q.toString()}` : ''}`;
  const before = await client
    .get<App & { metadata: { resourceVersion?: string } }>(path)
    .catch(() => undefined);
  const query = new URLSearchParams();
  if (flags.upsert) query.set('upsert', 'true');
  if (!flags.validate) query.set('validate', 'false');
  const created = await client.request<App & { metadata: { resourceVersion?: string } }>(
    'POST',
    `/api/v1/applications${query.size ? `?${query.toString()}` : ''}`,
    app,
  );
  const action = !before
    ? 'created'
    : before.metadata.resourceVersion === created.metadata.resourceVersion
      ? 'unchanged'
      : 'updated';
  return `application '${created.metadata.name}' ${action}`;
}

/**
 * `capstan app create NAME`: an Application from flags, or from `-f FILE` with flags overriding
 * the file, as `argocd app create`. Creating one that exists with the same spec is a no-op;
 * with a different spec it fails unless `--upsert`.
 */
export function register(app: Command, io: CliIo): void {
  specOptions(serverOptions(app.command('create [name]').description('create an application')))
    .option('-f, --file <file>', 'an Application manifest (YAML or JSON; - reads stdin)')
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('-l, --label <KEY=VALUE>', 'a label of the application (repeatable)', collect)
    .option('--annotations <KEY=VALUE>', 'an annotation of the application (repeatable)', collect)
    .option('--upsert', 'overwrite an existing application with a different spec')
    .option('--set-finalizer', 'delete the resources with the application (cascade)')
    .option('--no-validate', "skip the server's source validation")
    .action(async (name: string | undefined, flags: CreateFlags) => {
      const apps = flags.file ? await fromFile(flags.file) : [{}];
      if (apps.length > 1 && name)
        throw new CapstanError('a NAME cannot be given for a file with several Applications', {
          code: 'InvalidArgument',
        });
      const client = await apiClient(flags);
      for (const a of apps) {
        a['apiVersion'] = 'argoproj.io/v1alpha1';
        a['kind'] = 'Application';
        const meta = (a['metadata'] ??= {}) as Obj;
        if (name) meta['name'] = name;
        if (!meta['name'])
          throw new CapstanError('an application name is needed: capstan app create NAME', {
            code: 'InvalidArgument',
          });
        if (flags.appNamespace) meta['namespace'] = flags.appNamespace;
        const labels = keyValues('--label', flags.label);
        if (labels) meta['labels'] = { ...(meta['labels'] as Obj | undefined), ...labels };
        const annotations = keyValues('--annotations', flags.annotations);
        if (annotations)
          meta['annotations'] = { ...(meta['annotations'] as Obj | undefined), ...annotations };
        if (flags.setFinalizer) {
          const finalizers = (meta['finalizers'] as string[] | undefined) ?? [];
          if (!finalizers.includes('resources-finalizer.argocd.argoproj.io'))
            meta['finalizers'] = [...finalizers, 'resources-finalizer.argocd.argoproj.io'];
        }
        const spec = (a['spec'] ??= {}) as Obj;
        applySpecFlags(spec, flags);
        spec['project'] ??= 'default';
        io.out(await create(client, a, flags));
      }
    });
}
