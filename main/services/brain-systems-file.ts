/** Reading atlases/brain-systems.json (beside the catalog), validated by core/atlas/brain-systems.ts. */
import { basename, dirname, join } from 'node:path';
import { type BrainSystem, validateBrainSystems } from '../../core/atlas/brain-systems';
import { catalogPath } from './app-paths';
import { readJsonFile } from './json-file';

export function brainSystemsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(catalogPath(env)), 'brain-systems.json');
}

/** The brain systems beside the catalog; a missing file means none, a broken one is an error. */
export async function loadBrainSystemsFile(path: string): Promise<BrainSystem[]> {
  const json = await readJsonFile(path, { optional: true });
  return json === undefined ? [] : validateBrainSystems(json, basename(path));
}
