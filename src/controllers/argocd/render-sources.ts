/**
 * An Application's sources → desired objects, as Argo CD's repo-server generates manifests: fetch
 * each source at its `targetRevision`, detect its type (Helm when `chart` is set or a Chart.yaml
 * exists, Kustomize when a kustomization file exists, a plain directory otherwise), render. Results
 * are kept per (source, commit) so a reconcile where Git did not move renders nothing.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { CapstanError, type KubeObject } from '../../core/index.ts';
import type { ArtifactTrees } from '../index.ts';
import { kustomizeBuild, renderDirectory, marshalYaml } from '../../render/index.ts';
import type { Artifact, GitAuth, GitSource } from '../../source/index.ts';
import type { ApplicationSourceType } from './api/application-status.ts';
import type { ApplicationSource } from './api/source.ts';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export class HelmNotSupportedError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'HELM_NOT_SUPPORTED' });
  }
}

export interface RenderedSource {
  source: ApplicationSource;
  /** The commit rendered (Argo CD's revision: the bare SHA). */
  revision: string;
  sourceType: ApplicationSourceType | undefined;
  objects: KubeObject[];
  artifact: Artifact | undefined;
}

export interface RenderContext {
  sources: GitSource;
  /** Unpacked artifacts, held while a source renders and evicted when idle. */
  trees: ArtifactTrees;
  signal: AbortSignal;
  /** Credentials for a repository URL (Argo CD repository Secrets). */
  authFor: (url: string) => Promise<GitAuth | undefined>;
  /** `owner` of the artifacts, e.g. `application/argocd/guestbook`. */
  owner: string;
}

export function detectSourceType(source: ApplicationSource, files: readonly string[]): ApplicationSourceType {
  if (source.chart || source.helm) return 'Helm';
  if (source.kustomize) return 'Kustomize';
  if (source.plugin) return 'Plugin';
  if (source.directory) return 'Directory';
  const base = source.path ? posix.normalize(source.path).replace(/^\.\/?|\/$/g, '') : '';
  const has = (name: string) => files.includes(base && base !== '.' ? `${base}/${name}` : name);
  if (has('Chart.yaml')) return 'Helm';
  if (KUSTOMIZATION_FILES.some(has)) return 'Kustomize';
  return 'Directory';
}

/** A kustomization over the source's path carrying the Application's `kustomize` overrides. */
function overlayKustomization(
  source: ApplicationSource,
  relToRoot: string,
): Record<string, unknown> | undefined {
  const k = source.kustomize;
  if (!k) return undefined;
  const out: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [relToRoot],
  };
  if (k.namePrefix) out['namePrefix'] = k.namePrefix;
  if (k.nameSuffix) out['nameSuffix'] = k.nameSuffix;
  if (k.namespace) out['namespace'] = k.namespace;
  if (k.commonLabels && Object.keys(k.commonLabels).length > 0) out['commonLabels'] = k.commonLabels;
  if (k.commonAnnotations && Object.keys(k.commonAnnotations).length > 0)
    out['commonAnnotations'] = k.commonAnnotations;
  if (k.images?.length) out['images'] = k.images.map(parseImageOverride);
  if (k.replicas?.length) out['replicas'] = k.replicas.map((r) => ({ name: r.name, count: Number(r.count) }));
  if (k.patches?.length) out['patches'] = k.patches;
  if (k.components?.length) out['components'] = k.components;
  return Object.keys(out).length > 3 ? out : undefined;
}

/** `kustomize edit set image` syntax: `name=newName:tag`, `name:tag`, `name@digest`. */
export function parseImageOverride(text: string): Record<string, string> {
  const eq = text.indexOf('=');
  const name = eq >= 0 ? text.slice(0, eq) : undefined;
  const rest = eq >= 0 ? text.slice(eq + 1) : text;
  const at = rest.indexOf('@');
  let image = rest;
  let digest: string | undefined;
  if (at >= 0) {
    image = rest.slice(0, at);
    digest = rest.slice(at + 1);
  }
  const colon = image.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > image.lastIndexOf('/')) {
    tag = image.slice(colon + 1);
    image = image.slice(0, colon);
  }
  const out: Record<string, string> = { name: name ?? image };
  if (name !== undefined && name !== image) out['newName'] = image;
  if (tag) out['newTag'] = tag;
  if (digest) out['digest'] = digest;
  return out;
}

async function renderPath(
  ctx: RenderContext,
  root: string,
  source: ApplicationSource,
  type: ApplicationSourceType,
): Promise<KubeObject[]> {
  const rel = source.path && source.path !== '.' ? source.path.replace(/^\/+/, '') : '.';
  const dir = join(root, rel);
  if (type === 'Helm') {
    throw new HelmNotSupportedError(
      `${source.repoURL}${source.chart ? ` chart ${source.chart}` : ` path ${rel}`}: Helm sources are accepted but Helm rendering is not yet supported by Capstan`,
    );
  }
  if (type === 'Plugin') {
    throw new CapstanError(`${source.repoURL} path ${rel}: config management plugins are not supported`, {
      code: 'PLUGIN_NOT_SUPPORTED',
    });
  }
  if (type === 'Kustomize') {
    const overlay = overlayKustomization(source, posix.join('..', rel));
    let buildDir = dir;
    if (overlay) {
      const hash = createHash('sha1').update(JSON.stringify(overlay)).digest('hex').slice(0, 12);
      buildDir = join(root, `.capstan-overlay-${hash}`);
      await mkdir(buildDir, { recursive: true });
      await writeFile(join(buildDir, 'kustomization.yaml'), marshalYaml(overlay));
    }
    const result = await kustomizeBuild(buildDir, { signal: ctx.signal });
    return result.resources.map((r) => r.object as unknown as KubeObject);
  }
  const d = source.directory;
  const result = await renderDirectory(dir, {
    recurse: d?.recurse ?? false,
    include: d?.include ?? '',
    exclude: d?.exclude ?? '',
    repoRoot: root,
    signal: ctx.signal,
  });
  return result.resources.map((r) => r.object as unknown as KubeObject);
}

/** The commit a source's `targetRevision` names now (one `ls-remote`). */
export async function resolveSource(ctx: RenderContext, source: ApplicationSource): Promise<string> {
  const resolved = await ctx.sources.resolve({
    url: source.repoURL,
    ref: { api: 'argo', targetRevision: source.targetRevision ?? '', tagPrefix: source.tagPrefix },
    auth: await ctx.authFor(source.repoURL),
    signal: ctx.signal,
  });
  return resolved.commit;
}

async function fetchSource(
  ctx: RenderContext,
  source: ApplicationSource,
  revision?: string,
): Promise<Artifact> {
  return ctx.sources.fetchArtifact({
    url: source.repoURL,
    ref: {
      api: 'argo',
      targetRevision: revision ?? source.targetRevision ?? '',
      tagPrefix: source.tagPrefix,
    },
    auth: await ctx.authFor(source.repoURL),
    owner: ctx.owner,
    fluxDefaults: false,
    signal: ctx.signal,
  });
}

/**
 * Renders every source (at `revisions[i]` when given: a sync to a revision or a rollback).
 * `ref` sources render nothing; their files are readable to the others as `$<ref>/…` (Helm only,
 * so for now they only contribute their revision).
 */
export async function renderSources(
  ctx: RenderContext,
  sources: readonly ApplicationSource[],
  revisions: readonly (string | undefined)[] = [],
): Promise<RenderedSource[]> {
  const out: RenderedSource[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    if (source.chart) {
      throw new HelmNotSupportedError(
        `${source.repoURL} chart ${source.chart}: Helm sources are accepted but Helm rendering is not yet supported by Capstan`,
      );
    }
    const artifact = await fetchSource(ctx, source, revisions[i]);
    const isRefOnly = source.ref !== undefined && !source.path;
    if (isRefOnly) {
      out.push({ source, revision: artifact.commit, sourceType: undefined, objects: [], artifact });
      continue;
    }
    const files = await ctx.sources.listFiles(artifact);
    const type = detectSourceType(source, files);
    const objects = await ctx.trees.with(artifact, ctx.signal, (root) => renderPath(ctx, root, source, type));
    out.push({ source, revision: artifact.commit, sourceType: type, objects, artifact });
  }
  return out;
}
