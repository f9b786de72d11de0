/** Reading atlases/brain-systems.json (beside the catalog), validated by core/atlas/brain-systems.ts. */
import { basename, dirname, join } from 'node:path';
import { type BrainSystem, validateBrainSystems } from '../../core/atlas/brain-systems';
import { AtlasError } from '../../core/errors';
import { decodeText } from '../../core/io/text';
import { catalogPath } from './app-paths';
import { readBytes } from './volume-io';

export function brainSystemsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(catalogPath(env)), 'brain-systems.json');
}

/** The brain systems beside the catalog; a missing file means none, a broken one is an error. */
export async function loadBrainSystemsFile(path: string): Promise<BrainSystem[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    if (e instanceof AtlasError && e.code === 'not-found') return [];
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes, basename(path)).text);
  } catch (e) {
    throw new AtlasError('corrupt', `not valid JSON (${(e as Error).message})`, basename(path));
  }
  return validateBrainSystems(json, basename(path));
}
