/**
 * File > Open scene… in the Electron app, in plain Node: the scene file is read and validated (scene-files.ts),
 * the maps it names that are on disk are opened in the engine, and the window gets the scene's text with what
 * could not be opened or has changed; the page puts the scene back (renderer/src/figure/scene-io.ts), finding the
 * open maps by their sha256. A scene file that cannot be read at all is an AtlasError for the caller to show.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OpenSceneMessage } from '../../core/api/app-api';
import type { AtlasService } from './atlas-service';
import { readSceneFile } from './scene-files';
import { type MapOpener, openMapFiles } from './startup-maps';

export async function openSceneForWindow(
  service: AtlasService,
  maps: MapOpener,
  file: string,
): Promise<OpenSceneMessage> {
  const { scene, dir, problems } = await readSceneFile(file, service);
  // A missing map is already among the problems; the others open (a changed one too, named there as changed).
  const present = scene.maps.map((m) => path.resolve(dir, m.path)).filter((p) => existsSync(p));
  await openMapFiles(maps, present, (m) => problems.push(m));
  return { sceneText: JSON.stringify(scene), problems };
}
