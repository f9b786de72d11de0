/**
 * Scene files on disk (main/services/scene-files.ts) over the synthetic atlas: written atomically as 2-space JSON,
 * read back validated, and what they name checked — atlases unknown, missing or changed, maps missing or changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BrainScene, MAX_SCENE_CHARS, defaultScene } from '../../../../core/scene/scene-file';
import type { AtlasService } from '../../../../main/services/atlas-service';
import { createAtlasService } from '../../../../main/services/create-service';
import {
  labelsSha256,
  mapFileOf,
  readSceneFile,
  relativeMapPath,
  sha256File,
  writeSceneFile,
} from '../../../../main/services/scene-files';
import { rejection } from '../../../helpers/catalog-files';
import { type SyntheticAtlas, makeSyntheticAtlas, writeStatsMap } from '../../../helpers/synthetic-atlas';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let s: SyntheticAtlas;
let service: AtlasService;
let mapBytes: Uint8Array;
beforeAll(async () => {
  s = makeSyntheticAtlas();
  service = await createAtlasService(s.env);
  mapBytes = writeStatsMap(s.root);
});

/** A scene in `<root>/scenes/` naming the synthetic atlas and `../stats/zstat1.nii`, with their real checksums. */
function sceneOf(): BrainScene {
  const scene = defaultScene();
  const synthSha = s.catalog.atlases[0].variants[0].files[0].sha256;
  scene.atlases = [{ slot: 0, id: 'synth', variant: '2mm', sha256: synthSha, opacity: 1 }];
  scene.maps = [
    {
      path: '../stats/zstat1.nii',
      sha256: sha(mapBytes),
      frame: 0,
      visible: true,
      colormap: 'hot',
      posThreshold: 3.1,
      negThreshold: 3.1,
      max: 43,
      opacity: 1,
      show: 'both',
    },
  ];
  return scene;
}

describe('scene files', () => {
  it('writes 2-space JSON with a trailing newline, atomically, and reads it back without problems', async () => {
    const file = join(s.root, 'scenes', 'a.brainscene.json');
    const scene = sceneOf();
    await writeSceneFile(file, scene);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(scene, null, 2)}\n`);
    expect(readdirSync(join(s.root, 'scenes'))).toEqual(['a.brainscene.json']); // no temp file left
    const read = await readSceneFile(file, service);
    expect(read.scene).toEqual(scene);
    expect(read.dir).toBe(join(s.root, 'scenes'));
    expect(read.problems).toEqual([]);
  });

  it('refuses to write a scene that is not valid, and leaves no file', async () => {
    const file = join(s.root, 'scenes', 'bad.brainscene.json');
    const scene = sceneOf();
    scene.figure.width = 0;
    const e = await rejection(writeSceneFile(file, scene));
    expect(e.message).toBe("the scene's figure width is 0, which is not valid");
    expect(existsSync(file)).toBe(false);
  });

  it('names every atlas and map that is unknown, missing or changed', async () => {
    const file = join(s.root, 'scenes', 'problems.brainscene.json');
    const scene = sceneOf();
    scene.atlases[0].sha256 = 'f'.repeat(64);
    scene.atlases.push(
      { slot: 1, id: 'nope', variant: '1mm', sha256: null, opacity: 1 },
      { slot: 2, id: 'synth-remote', variant: '1mm', sha256: null, opacity: 1 },
      { slot: 3, id: 'synth-points', variant: '5mm', sha256: null, opacity: 1 },
    );
    scene.maps.push({ ...scene.maps[0], path: 'gone/zstat2.nii.gz' });
    scene.maps.push({ ...scene.maps[0], path: '../stats/changed.nii', sha256: sha(mapBytes) });
    writeFileSync(join(s.root, 'stats', 'changed.nii'), new Uint8Array([...mapBytes, 0]));
    await writeSceneFile(file, scene);
    const { problems } = await readSceneFile(file, service);
    expect(problems).toEqual([
      "atlas synth's labels file has changed since the scene was saved",
      'atlas nope is not in the catalog of this Brain Atlas Studio',
      'atlas synth-remote is not on this computer; run `brain-atlas fetch synth-remote`',
      'atlas synth-points has no variant 5mm in this catalog (it has points)',
      `map gone/zstat2.nii.gz is missing (looked for ${join(s.root, 'scenes', 'gone', 'zstat2.nii.gz')})`,
      'map ../stats/changed.nii has changed since the scene was saved',
    ]);
  });

  it('refuses files that are too large, not JSON or not scenes, naming the file', async () => {
    const big = join(s.root, 'big.brainscene.json');
    writeFileSync(big, ' '.repeat(MAX_SCENE_CHARS + 1));
    const tooLarge = await rejection(readSceneFile(big, service));
    expect(tooLarge.code).toBe('too-large');
    expect(tooLarge.message).toMatch(/^big\.brainscene\.json: the file is 2 000 001 bytes/);

    const broken = join(s.root, 'broken.brainscene.json');
    writeFileSync(broken, '{"version": 1');
    expect((await rejection(readSceneFile(broken, service))).message).toMatch(
      /^broken\.brainscene\.json: the scene file is not valid JSON: /,
    );

    const newer = join(s.root, 'newer.brainscene.json');
    writeFileSync(newer, JSON.stringify({ ...sceneOf(), version: 2 }));
    expect((await rejection(readSceneFile(newer, service))).message).toBe(
      'newer.brainscene.json: this scene file is version 2; this Brain Atlas Studio reads scene files up to version 1 — update the app to open it',
    );

    const missing = await rejection(readSceneFile(join(s.root, 'none.brainscene.json'), service));
    expect(missing.code).toBe('not-found');
  });

  it('hashes files as a stream, and names maps relative to the scene folder', async () => {
    expect(await sha256File(join(s.root, 'stats', 'zstat1.nii'))).toBe(sha(mapBytes));
    expect((await rejection(sha256File(join(s.root, 'nothing.nii')))).code).toBe('not-found');
    expect(relativeMapPath(join(s.root, 'scenes'), join(s.root, 'stats', 'z.nii'))).toBe('../stats/z.nii');
    expect(relativeMapPath(s.root, join(s.root, 'stats', 'sub', 'z.nii'))).toBe('stats/sub/z.nii');
    expect(mapFileOf(join(s.root, 'scenes'), '../stats/z.nii')).toBe(join(s.root, 'stats', 'z.nii'));
    expect(labelsSha256(s.catalog.atlases[0].variants[0])).toBe(s.catalog.atlases[0].variants[0].files[0].sha256);
    expect(labelsSha256(s.catalog.atlases[1].variants[0])).toBeNull(); // coordinates: no label volume
  });
});
