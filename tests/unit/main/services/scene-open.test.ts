/**
 * File > Open scene… in plain Node (main/services/scene-open.ts) over the synthetic atlas: the scene's text goes to
 * the window validated, the maps it names that are on disk are opened in the engine (found again by sha256), a
 * missing one is named once, and a file that is not a scene is an error saying so.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { defaultScene, parseSceneText } from '../../../../core/scene/scene-file';
import type { AppService } from '../../../../main/services/app-service';
import { createAtlasService } from '../../../../main/services/create-service';
import { openSceneForWindow } from '../../../../main/services/scene-open';
import { type SyntheticAtlas, makeSyntheticAtlas, writeStatsMap } from '../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
let service: AppService;
let mapBytes: Uint8Array;
beforeAll(async () => {
  s = makeSyntheticAtlas();
  service = await createAtlasService(s.env);
  mapBytes = writeStatsMap(s.root);
  mkdirSync(join(s.root, 'scenes'), { recursive: true });
});

const mapEntry = (path: string) => ({
  path,
  sha256: createHash('sha256').update(mapBytes).digest('hex'),
  frame: 0,
  visible: true,
  colormap: 'hot' as const,
  posThreshold: 3.1,
  negThreshold: 3.1,
  max: 43,
  opacity: 1,
  show: 'both' as const,
});

describe('openSceneForWindow', () => {
  it('sends the validated scene and opens its maps in the engine, naming the missing one once', async () => {
    const scene = defaultScene();
    scene.figure.layout = 'lightbox';
    scene.maps = [mapEntry('../stats/zstat1.nii'), mapEntry('../stats/gone.nii')];
    const file = join(s.root, 'scenes', 'a.brainscene.json');
    writeFileSync(file, JSON.stringify(scene));
    const m = await openSceneForWindow(service, service.maps, file);
    expect(parseSceneText(m.sceneText)).toEqual(scene);
    const open = await service.maps.listMaps();
    expect(open.map((o) => o.sha256)).toContain(scene.maps[0].sha256);
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toMatch(/gone\.nii/);
  });

  it('opens a map again only for a scene map no open map serves: none the second time, two for one named twice', async () => {
    const sha = createHash('sha256').update(mapBytes).digest('hex');
    const copies = async () => (await service.maps.listMaps()).filter((o) => o.sha256 === sha).length;
    const before = await copies();
    expect(before).toBeGreaterThan(0);
    const scene = defaultScene();
    scene.maps = [mapEntry('../stats/zstat1.nii')];
    const once = join(s.root, 'scenes', 'once.brainscene.json');
    writeFileSync(once, JSON.stringify(scene));
    expect((await openSceneForWindow(service, service.maps, once)).problems).toEqual([]);
    expect(await copies()).toBe(before);
    // Shown twice (two thresholds): one more copy than the maps open, each scene map then has its own.
    scene.maps = Array.from({ length: before + 1 }, () => mapEntry('../stats/zstat1.nii'));
    const twice = join(s.root, 'scenes', 'twice.brainscene.json');
    writeFileSync(twice, JSON.stringify(scene));
    expect((await openSceneForWindow(service, service.maps, twice)).problems).toEqual([]);
    expect(await copies()).toBe(before + 1);
  });

  it('refuses a file that is not a scene, saying so', async () => {
    const file = join(s.root, 'scenes', 'b.brainscene.json');
    writeFileSync(file, '[1, 2]');
    const e = await openSceneForWindow(service, service.maps, file).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.message).toMatch(/not a Brain Atlas Studio scene file/);
  });
});
