/** Builds the atlas service from the environment: catalog file, file locations, installed atlases. */
import { basename } from 'node:path';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasError } from '../../core/errors';
import { decodeText } from '../../core/text';
import { catalogPath } from './app-paths';
import { locationsFromEnv } from './atlas-files';
import { AtlasService } from './atlas-service';
import { findInstalledAtlases, installedSearchFromEnv } from './installed-atlases';
import { maxBytesFromEnv, readBytes } from './volume-io';

export async function loadCatalogFile(path: string) {
  const text = decodeText(await readBytes(path), basename(path)).text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AtlasError('corrupt', `not valid JSON (${(e as Error).message})`, basename(path));
  }
  return validateCatalog(json, basename(path));
}

export async function createAtlasService(env: NodeJS.ProcessEnv = process.env): Promise<AtlasService> {
  const catalog = await loadCatalogFile(catalogPath(env));
  const installed = env.BRAIN_ATLAS_NO_INSTALLED ? [] : await findInstalledAtlases(installedSearchFromEnv(env));
  const known = new Set(catalog.atlases.map((a) => a.id));
  return new AtlasService({
    catalog,
    locations: locationsFromEnv(env),
    installed: installed.filter((i) => !known.has(i.atlas.id)),
    maxBytes: maxBytesFromEnv(env),
  });
}
