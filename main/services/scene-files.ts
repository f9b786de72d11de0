/**
 * Scene files (`*.brainscene.json`, core/scene/scene-file.ts) on disk: read and validated, with what they refer
 * to checked against this machine (atlases in the catalog and present, their label files unchanged; map files
 * beside the scene, unchanged), and written atomically.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogVariant } from '../../core/catalog/types';
import { AtlasError, formatCount, isAtlasError } from '../../core/errors';
import { type BrainScene, MAX_SCENE_CHARS, parseSceneText, validateScene } from '../../core/scene/scene-file';
import type { AtlasService } from './atlas-service';
import { sha256OfFile } from './atlas-verify';
import { writeFileAtomic } from './config-files';
import { fsError } from './volume-io';

/** sha256 (hex) of a file's bytes, read as a stream; AtlasError 'not-found' when it cannot be read. */
export async function sha256File(file: string): Promise<string> {
  try {
    return await sha256OfFile(file);
  } catch (e) {
    throw fsError(e, file);
  }
}

/**
 * The catalog's sha256 of a variant's label volume (its first 'labels' file); null when it has none (a coordinates
 * atlas) or the catalog gives no checksum (an atlas installed by FSL or MRIcron).
 */
export function labelsSha256(variant: CatalogVariant): string | null {
  const sha = variant.files.find((f) => f.role === 'labels')?.sha256.toLowerCase() ?? '';
  return /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}

/**
 * `mapFile` as a scene file in `sceneDir` names it: relative to that folder, with forward slashes. AtlasError
 * 'invalid-argument' when there is no relative path (another drive on Windows).
 */
export function relativeMapPath(sceneDir: string, mapFile: string): string {
  const rel = path.relative(path.resolve(sceneDir), path.resolve(mapFile));
  if (rel === '' || path.isAbsolute(rel))
    throw new AtlasError(
      'invalid-argument',
      `the map ${mapFile} cannot be named relative to the scene file's folder ${sceneDir}; put them on the same drive`,
    );
  return rel.split(path.sep).join('/');
}

/** The file a scene's map path names: resolved against the scene file's folder. */
export function mapFileOf(sceneDir: string, mapPath: string): string {
  return path.resolve(sceneDir, ...mapPath.split('/'));
}

/**
 * Reads and validates a scene file (AtlasError, prefixed with the file's name, when it cannot be read, is too large,
 * is not a scene or is not valid), then lists what it refers to that is not right on this machine, one sentence
 * each, without throwing: atlases not in the catalog or not present, label files changed since the scene was
 * saved, maps missing or changed. `dir` is the scene file's folder, which its map paths are relative to.
 */
export async function readSceneFile(
  file: string,
  service: AtlasService,
): Promise<{ scene: BrainScene; dir: string; problems: string[] }> {
  const abs = path.resolve(file);
  const name = path.basename(abs);
  let size: number;
  try {
    const st = await fs.stat(abs);
    if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw fsError(e, abs);
  }
  if (size > MAX_SCENE_CHARS)
    throw new AtlasError(
      'too-large',
      `the file is ${formatCount(size)} bytes, over the ${formatCount(MAX_SCENE_CHARS)} a scene file may have`,
      name,
    );
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    throw fsError(e, abs);
  }
  let scene: BrainScene;
  try {
    scene = parseSceneText(text);
  } catch (e) {
    if (isAtlasError(e)) throw new AtlasError(e.code, e.message, name);
    throw e;
  }
  const dir = path.dirname(abs);
  const problems = [...(await atlasProblems(scene, service)), ...(await mapProblems(scene, dir))];
  return { scene, dir, problems };
}

async function atlasProblems(scene: BrainScene, service: AtlasService): Promise<string[]> {
  const problems: string[] = [];
  for (const a of scene.atlases) {
    let atlas;
    try {
      atlas = service.atlas(a.id);
    } catch {
      problems.push(`atlas ${a.id} is not in the catalog of this Brain Atlas Studio`);
      continue;
    }
    const variant = atlas.variants.find((v) => v.id === a.variant);
    if (!variant) {
      problems.push(
        `atlas ${a.id} has no variant ${a.variant} in this catalog (it has ${atlas.variants.map((v) => v.id).join(', ')})`,
      );
      continue;
    }
    if (!(await service.variantPresent(atlas, variant))) {
      problems.push(`atlas ${a.id} is not on this computer; run \`brain-atlas fetch ${a.id}\``);
      continue;
    }
    const sha = labelsSha256(variant);
    if (a.sha256 !== null && sha !== null && sha !== a.sha256)
      problems.push(`atlas ${a.id}'s labels file has changed since the scene was saved`);
  }
  return problems;
}

async function mapProblems(scene: BrainScene, dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const m of scene.maps) {
    const file = mapFileOf(dir, m.path);
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) {
      problems.push(`map ${m.path} is missing (looked for ${file})`);
      continue;
    }
    if (m.sha256 === null) continue;
    let sha: string;
    try {
      sha = await sha256File(file);
    } catch (e) {
      problems.push(`map ${m.path} could not be read (${(e as Error).message})`);
      continue;
    }
    if (sha !== m.sha256) problems.push(`map ${m.path} has changed since the scene was saved`);
  }
  return problems;
}

/**
 * Validates `scene` (AtlasError 'invalid-argument' naming the field) and writes it to `file` atomically, as
 * 2-space JSON with a trailing newline, creating the folder; AtlasError when the file cannot be written.
 */
export async function writeSceneFile(file: string, scene: BrainScene): Promise<void> {
  const text = `${JSON.stringify(validateScene(scene), null, 2)}\n`;
  try {
    await writeFileAtomic(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is not a folder',
      EEXIST: 'a part of the path is a file',
    };
    throw new AtlasError('invalid-argument', `cannot write ${file}: ${(code && reason[code]) || (e as Error).message}`);
  }
}
