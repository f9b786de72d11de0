/** Builds the atlas service from the environment: catalog file, file locations, installed atlases. */
import type { Catalog } from '../../core/catalog/types';
import { type RegionInfoEntry, validateRegionInfo } from '../../core/atlas/region-info';
import { catalogPath, regionInfoPath } from './app-paths';
import { loadCheckedCatalog } from './catalog-cache';
import { locationsFromEnv } from './atlas-locations';
import { AppService } from './app-service';
import { brainSystemsPath, loadBrainSystemsFile } from './brain-systems-file';
import { findInstalledAtlases, installedSearchFromEnv } from './installed-atlases';
import { SessionStore } from './session-store';
import { SettingsStore } from './settings';
import { appConfigDir } from './user-dirs';
import { readJsonFile } from './json-file';
import { maxBytesFromEnv } from './volume-io';

/** The catalog at `path`, checked; with `cacheDir`, the check's result is kept there for the next process. */
export async function loadCatalogFile(path: string, cacheDir: string | null = null): Promise<Catalog> {
  return loadCheckedCatalog(path, cacheDir);
}

/** The region cards beside the catalog; a missing file means no cards, a broken one is an error. */
export async function loadRegionInfoFile(path: string): Promise<RegionInfoEntry[]> {
  const json = await readJsonFile(path, { optional: true });
  return json === undefined ? [] : validateRegionInfo(json);
}

/**
 * The atlas service with the open statistical maps (AppService): the whole AtlasApi. Settings and the saved
 * session live in appConfigDir (BRAIN_ATLAS_CONFIG overrides it); the settings fill in the locations the
 * environment leaves unset.
 */
export async function createAtlasService(env: NodeJS.ProcessEnv = process.env): Promise<AppService> {
  const configDir = appConfigDir(process.platform, env);
  const settings = await SettingsStore.open(configDir, locationsFromEnv(env), env);
  const catalog = await loadCatalogFile(catalogPath(env), settings.locations().cacheDir || null);
  const infoPath = regionInfoPath(env);
  const installed = env.BRAIN_ATLAS_NO_INSTALLED ? [] : await findInstalledAtlases(installedSearchFromEnv(env));
  const known = new Set(catalog.atlases.map((a) => a.id));
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
