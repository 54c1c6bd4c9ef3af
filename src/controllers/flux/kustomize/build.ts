/**
 * Builds a Kustomization's manifests from an unpacked artifact: the overlay from `generate.ts`
 * written beside the sources, kustomize run with Flux's `SecureBuild` settings (no load
 * restrictions, but nothing outside the artifact), then post-build substitution.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { errorMessage, type KubeObject } from '../../../core/index.ts';
import { kustomizeBuild } from '../../../render/index.ts';
import type { KustomizationSpec } from '../api/kustomize/kustomization.ts';
import { BuildError, generateOverlay, overlayDirPrefix } from './generate.ts';
import { substituteObjects, type SubstituteOptions } from './substitute.ts';

export async function buildManifests(
  tree: string,
  spec: KustomizationSpec,
  vars: SubstituteOptions | undefined,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const rel = (spec.path ?? '').replace(/^\.?\/+/, '') || '.';
  const pathDir = resolve(tree, rel);
  if (pathDir !== tree && !pathDir.startsWith(tree + sep)) {
    throw new BuildError(`path '${spec.path}' is outside the artifact`, { code: 'BUILD_FAILED' });
  }
  const exists = await stat(pathDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists)
    throw new BuildError(
      `kustomization path not found: stat ${spec.path ?? './'}: no such file or directory`,
      { code: 'ARTIFACT_PATH' },
    );
  const overlayDir = join(tree, `${overlayDirPrefix}${Math.random().toString(36).slice(2)}`);
  try {
    const overlay = await generateOverlay(spec, pathDir, overlayDir);
    await mkdir(overlayDir, { recursive: true });
    await writeFile(join(overlayDir, 'kustomization.yaml'), JSON.stringify(overlay));
    let built;
    try {
      built = await kustomizeBuild(overlayDir, {
        loadRestrictor: 'LoadRestrictionsNone',
        fsRoot: tree,
        signal,
      });
    } catch (err) {
      // Paths inside the artifact as the user knows them, not where it was unpacked.
      const message = errorMessage(err).replaceAll(`${tree}${sep}`, '').replaceAll(tree, '.');
      throw new BuildError(`kustomize build failed: ${message}`, {
        code: 'BUILD_FAILED',
        cause: err,
      });
    }
    const objects = built.resources.map((r) => r.object as unknown as KubeObject);
    return vars ? substituteObjects(objects, vars) : objects;
  } finally {
    await rm(overlayDir, { recursive: true, force: true });
  }
}
