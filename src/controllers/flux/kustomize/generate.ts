/**
 * Flux's kustomization generator (fluxcd/pkg `kustomize.Generator`): the spec's overlay fields
 * (targetNamespace, namePrefix/nameSuffix, commonMetadata, images, patches, components) over the
 * source path. With a kustomization file in the path, the path becomes the overlay's one resource;
 * without, the overlay lists what Flux's generator lists: every `.yaml`/`.yml` file below the path
 * that decodes as Kubernetes YAML, and sub-directories holding a kustomization as a whole.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CapstanError } from '../../../core/index.ts';
import { parseYamlDocuments } from '../../../render/index.ts';
import type { KustomizationSpec } from '../api/kustomize/kustomization.ts';

export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Overlays are written inside the shared tree (kustomize's fsRoot) under this prefix. */
export const overlayDirPrefix = '.capstan-build-';

export class BuildError extends CapstanError {}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function hasKustomization(dir: string): Promise<boolean> {
  for (const name of kustomizationFileNames) {
    if (
      await stat(join(dir, name)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return true;
  }
  return false;
}

/** Files and kustomization directories below `dir`, relative to `root`, as Flux's scan walks them. */
async function scan(root: string, dir: string, out: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(overlayDirPrefix)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (await hasKustomization(p)) out.push(relative(root, p));
      else await scan(root, p, out);
      continue;
    }
    if (!/\.ya?ml$/.test(e.name)) continue;
    const rel = relative(root, p);
    try {
      parseYamlDocuments(await readFile(p, 'utf8'), { file: rel });
    } catch (err) {
      throw new BuildError(`failed to decode Kubernetes YAML from ${rel}: ${(err as Error).message}`, {
        code: 'BUILD_FAILED',
        cause: err,
      });
    }
    out.push(rel);
  }
}

/**
 * The overlay kustomization (as JSON, which is YAML) to write in `overlayDir`, building `pathDir`.
 * Paths inside it are relative to `overlayDir`.
 */
export async function generateOverlay(
  spec: KustomizationSpec,
  pathDir: string,
  overlayDir: string,
): Promise<Record<string, unknown>> {
  const resources: string[] = [];
  if (await hasKustomization(pathDir)) resources.push(relative(overlayDir, pathDir) || '.');
  else {
    const found: string[] = [];
    // Relative to the artifact's root (the overlay's parent), so errors name the file as in git.
    const tree = dirname(overlayDir);
    await scan(tree, pathDir, found);
    for (const f of found) resources.push(relative(overlayDir, join(tree, f)));
  }
  const k: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
  };
  if (spec.targetNamespace) k['namespace'] = spec.targetNamespace;
  if (spec.namePrefix) k['namePrefix'] = spec.namePrefix;
  if (spec.nameSuffix) k['nameSuffix'] = spec.nameSuffix;
  if (spec.images?.length) k['images'] = spec.images;
  if (spec.patches?.length) k['patches'] = spec.patches;
  const components: string[] = [];
  for (const c of spec.components ?? []) {
    const dir = join(pathDir, c);
    if (!(await isDir(dir))) {
      if (spec.ignoreMissingComponents) continue;
      throw new BuildError(`component path '${c}' not found`, { code: 'BUILD_FAILED' });
    }
    components.push(relative(overlayDir, dir));
  }
  if (components.length) k['components'] = components;
  const meta = spec.commonMetadata;
  if (meta?.labels && Object.keys(meta.labels).length) k['labels'] = [{ pairs: meta.labels }];
  if (meta?.annotations && Object.keys(meta.annotations).length) k['commonAnnotations'] = meta.annotations;
  return k;
}
