/**
 * The flags `argocd app create` and `argocd app set` share, and how each changes an Application:
 * source (`--repo --path --revision`), destination, project, sync policy, directory and kustomize
 * options. Only flags the user gave change anything, so `set` edits in place and `create -f`
 * lets flags override the file, as argocd does.
 */
import type { Command } from 'commander';
import { CapstanError } from '../../../core/index.ts';

export interface SpecFlags {
  repo?: string;
  path?: string;
  revision?: string;
  destServer?: string;
  destName?: string;
  destNamespace?: string;
  project?: string;
  syncPolicy?: string;
  autoPrune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  syncOption?: string[];
  directoryRecurse?: boolean;
  directoryInclude?: string;
  directoryExclude?: string;
  kustomizeImage?: string[];
  kustomizeNamespace?: string;
  kustomizeReplica?: string[];
  nameprefix?: string;
  namesuffix?: string;
  revisionHistoryLimit?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function specOptions(command: Command): Command {
  return command
    .option('--repo <url>', 'repository URL')
    .option('--path <path>', 'path in the repository')
    .option('--revision <rev>', 'branch, tag, commit or semver constraint to track (targetRevision)')
    .option('--dest-server <url>', 'destination cluster URL')
    .option('--dest-name <name>', 'destination cluster name')
    .option('--dest-namespace <ns>', 'destination namespace')
    .option('--project <name>', 'AppProject')
    .option('--sync-policy <policy>', 'automated (or auto, automatic) or none (or manual)')
    .option('--auto-prune', 'with automated sync: delete resources no longer in Git')
    .option('--self-heal', 'with automated sync: revert changes made in the cluster')
    .option('--allow-empty', 'with automated sync: allow syncing to no resources at all')
    .option('--sync-option <KEY=VALUE>', 'a sync option, e.g. CreateNamespace=true (repeatable)', collect)
    .option('--directory-recurse', 'read the path and its subdirectories')
    .option('--directory-include <glob>', 'only these files of a directory source')
    .option('--directory-exclude <glob>', 'leave these files of a directory source out')
    .option('--kustomize-image <image>', 'image override, e.g. nginx=nginx:1.27 (repeatable)', collect)
    .option('--kustomize-namespace <ns>', 'namespace kustomize sets on every resource')
    .option('--kustomize-replica <name=count>', 'replica override (repeatable)', collect)
    .option('--nameprefix <prefix>', 'kustomize name prefix')
    .option('--namesuffix <suffix>', 'kustomize name suffix')
    .option('--revision-history-limit <n>', 'history entries kept');
}

type Obj = Record<string, unknown>;
const obj = (parent: Obj, key: string): Obj => {
  const v = parent[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const created: Obj = {};
  parent[key] = created;
  return created;
};

/** Applies the given flags to `spec` (changed in place), as argocd's `SetAppSpecOptions`. */
export function applySpecFlags(spec: Obj, f: SpecFlags): void {
  // The first source of a multi-source app, as argocd does without `--source-position`.
  const sources = spec['sources'] as Obj[] | undefined;
  const source = sources?.length ? sources[0]! : obj(spec, 'source');
  if (f.repo !== undefined) source['repoURL'] = f.repo;
  if (f.path !== undefined) source['path'] = f.path;
  if (f.revision !== undefined) source['targetRevision'] = f.revision;
  if (f.destServer !== undefined || f.destName !== undefined || f.destNamespace !== undefined) {
    const dst = obj(spec, 'destination');
    if (f.destServer !== undefined) {
      dst['server'] = f.destServer;
      delete dst['name'];
    }
    if (f.destName !== undefined) {
      dst['name'] = f.destName;
      delete dst['server'];
    }
    if (f.destNamespace !== undefined) dst['namespace'] = f.destNamespace;
  }
  if (f.project !== undefined) spec['project'] = f.project;
  if (f.revisionHistoryLimit !== undefined) {
    const n = Number(f.revisionHistoryLimit);
    if (!Number.isInteger(n) || n < 0)
      throw new CapstanError(`--revision-history-limit ${f.revisionHistoryLimit}: a whole number`, {
        code: 'InvalidArgument',
      });
    spec['revisionHistoryLimit'] = n;
  }
  applySyncPolicy(spec, f);
  if (f.directoryRecurse || f.directoryInclude !== undefined || f.directoryExclude !== undefined) {
    const dir = obj(source, 'directory');
    if (f.directoryRecurse) dir['recurse'] = true;
    if (f.directoryInclude !== undefined) dir['include'] = f.directoryInclude;
    if (f.directoryExclude !== undefined) dir['exclude'] = f.directoryExclude;
  }
  const k = () => obj(source, 'kustomize');
  if (f.kustomizeNamespace !== undefined) k()['namespace'] = f.kustomizeNamespace;
  if (f.nameprefix !== undefined) k()['namePrefix'] = f.nameprefix;
  if (f.namesuffix !== undefined) k()['nameSuffix'] = f.namesuffix;
  for (const image of f.kustomizeImage ?? []) {
    const kz = k();
    const images = ((kz['images'] as string[] | undefined) ?? []).filter(
      (i) => imageName(i) !== imageName(image),
    );
    kz['images'] = [...images, image];
  }
  for (const r of f.kustomizeReplica ?? []) {
    const eq = r.lastIndexOf('=');
    const count = Number(r.slice(eq + 1));
    if (eq <= 0 || !Number.isInteger(count))
      throw new CapstanError(`--kustomize-replica ${r}: NAME=COUNT`, { code: 'InvalidArgument' });
    const kz = k();
    const name = r.slice(0, eq);
    const replicas = ((kz['replicas'] as { name: string }[] | undefined) ?? []).filter(
      (x) => x.name !== name,
    );
    kz['replicas'] = [...replicas, { name, count }];
  }
}

/** The image an override is for: `nginx=nginx:1.27` and `nginx:1.27` are both for `nginx`. */
export function imageName(override: string): string {
  const eq = override.indexOf('=');
  if (eq >= 0) return override.slice(0, eq);
  const at = override.indexOf('@');
  const base = at >= 0 ? override.slice(0, at) : override;
  const colon = base.lastIndexOf(':');
  return colon > base.lastIndexOf('/') ? base.slice(0, colon) : base;
}

function applySyncPolicy(spec: Obj, f: SpecFlags): void {
  const policy = f.syncPolicy;
  if (policy !== undefined) {
    if (['automated', 'auto', 'automatic'].includes(policy)) obj(obj(spec, 'syncPolicy'), 'automated');
    else if (['none', 'manual'].includes(policy)) {
      const sp = spec['syncPolicy'] as Obj | undefined;
      if (sp) delete sp['automated'];
    } else throw new CapstanError(`--sync-policy ${policy}: automated or none`, { code: 'InvalidArgument' });
  }
  if (f.autoPrune || f.selfHeal || f.allowEmpty) {
    const auto = (spec['syncPolicy'] as Obj | undefined)?.['automated'] as Obj | undefined;
    if (!auto)
      throw new CapstanError('--auto-prune, --self-heal and --allow-empty need --sync-policy automated', {
        code: 'InvalidArgument',
      });
    if (f.autoPrune) auto['prune'] = true;
    if (f.selfHeal) auto['selfHeal'] = true;
    if (f.allowEmpty) auto['allowEmpty'] = true;
  }
  if (f.syncOption?.length) {
    const sp = obj(spec, 'syncPolicy');
    const options = ((sp['syncOptions'] as string[] | undefined) ?? []).filter(
      (o) => !f.syncOption!.some((n) => n.split('=')[0] === o.split('=')[0]),
    );
    sp['syncOptions'] = [...options, ...f.syncOption];
  }
}
