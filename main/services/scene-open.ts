/**
 * File > Open scene… in the Electron app, in plain Node: the scene file is read and validated (scene-files.ts),
 * the maps it names that are on disk and not open already are opened in the engine, and the window gets the scene's
 * text with what could not be opened or has changed; the page puts the scene back (renderer/src/figure/scene-io.ts),
 * finding the open maps by their sha256, one open map for each map the scene names. A scene file that cannot be read
 * at all is an AtlasError for the caller to show.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OpenSceneMessage } from '../../core/api/app-api';
import type { MapApi } from '../../core/api/map-api';
import type { AtlasService } from './atlas-service';
import { readSceneFile } from './scene-files';
import { type MapOpener, openMapFiles } from './startup-maps';

export async function openSceneForWindow(
  service: AtlasService,
  maps: MapOpener & Pick<MapApi, 'listMaps'>,
  file: string,
): Promise<OpenSceneMessage> {
  const { scene, dir, problems } = await readSceneFile(file, service);
  // A map open with the scene map's sha256 serves it (each open map one scene map, as the page matches them), so
  // opening a scene again does not open its maps twice. A missing map is already among the problems; the others
  // open (a changed one too, named there as changed).
  const open = (await maps.listMaps()).map((m) => m.sha256);
  const present: string[] = [];
  for (const m of scene.maps) {
    const served = m.sha256 ? open.indexOf(m.sha256) : -1;
    if (served >= 0) open.splice(served, 1);
    else if (existsSync(path.resolve(dir, m.path))) present.push(path.resolve(dir, m.path));
  }
  await openMapFiles(maps, present, (m) => problems.push(m));
  return { sceneText: JSON.stringify(scene), problems };
}
