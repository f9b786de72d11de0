/** Builds the atlas service from the environment: catalog file, file locations, installed atlases. */
import { basename } from 'node:path';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasError } from '../../core/errors';
import { decodeText } from '../../core/io/text';
import { type RegionInfoEntry, validateRegionInfo } from '../../core/atlas/region-info';
import { catalogPath, regionInfoPath } from './app-paths';
import { locationsFromEnv } from './atlas-locations';
import { AppService } from './app-service';
import { brainSystemsPath, loadBrainSystemsFile } from './brain-systems-file';
import { findInstalledAtlases, installedSearchFromEnv } from './installed-atlases';
import { SessionStore } from './session-store';
import { SettingsStore } from './settings';
import { appConfigDir } from './user-dirs';
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

/** The region cards beside the catalog; a missing file means no cards, a broken one is an error. */
export async function loadRegionInfoFile(path: string): Promise<RegionInfoEntry[]> {
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
  return validateRegionInfo(json);
}

/**
 * The atlas service with the open statistical maps (AppService): the whole AtlasApi. Settings and the saved
 * session live in appConfigDir (BRAIN_ATLAS_CONFIG overrides it); the settings fill in the locations the
 * environment leaves unset.
 */
export async function createAtlasService(env: NodeJS.ProcessEnv = process.env): Promise<AppService> {
  const catalog = await loadCatalogFile(catalogPath(env));
  const infoPath = regionInfoPath(env);
  const installed = env.BRAIN_ATLAS_NO_INSTALLED ? [] : await findInstalledAtlases(installedSearchFromEnv(env));
  const known = new Set(catalog.atlases.map((a) => a.id));
  const configDir = appConfigDir(process.platform, env);
  const settings = await SettingsStore.open(configDir, locationsFromEnv(env), env);
  return new AppService({
    catalog,
    locations: settings.locations(),
    settings,
    session: new SessionStore(configDir),
    installed: installed.filter((i) => !known.has(i.atlas.id)),
    maxBytes: maxBytesFromEnv(env),
    regionInfo: () => loadRegionInfoFile(infoPath), // read when first asked: a query needs none
    brainSystems: await loadBrainSystemsFile(brainSystemsPath(env)),
  });
}
