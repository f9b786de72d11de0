/** The scene file's format (core/scene/scene-file.ts): defaults, round trips and one sentence per kind of error. */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import {
  type BrainScene,
  MAX_SCENE_CHARS,
  SCENE_VERSION,
  defaultScene,
  parseSceneText,
  validateScene,
} from '../../../../core/scene/scene-file';

const SHA = 'ab'.repeat(32);

// biome-ignore lint/suspicious/noExplicitAny: the tests put values of every type into a scene's fields
type Loose = any;

/** A scene with every part set away from its default. */
function fullScene(): BrainScene {
  const s = defaultScene();
  s.lang = 'zh';
  s.atlases = [
    { slot: 0, id: 'aal3', variant: '1mm', sha256: SHA, opacity: 0.8 },
    { slot: 3, id: 'schaefer-400-7', variant: '2mm', sha256: null, opacity: 1 },
  ];
  s.template = { visible: false, opacity: 0.5 };
  s.maps = [
    {
      path: '../stats/zstat1.nii.gz',
      sha256: SHA,
      frame: 2,
      visible: true,
      colormap: 'hot',
      posThreshold: 3.1,
      negThreshold: 2.3,
      max: 7.5,
      opacity: 0.9,
      show: 'both',
      outline: true,
      linked: false,
      sign: 'negative',
      minSize: 40,
      sizeUnit: 'mm3',
      connectivity: 6,
    },
  ];
  s.view = {
    colourBy: 'network',
    hidden: ['aal3:5'],
    isolated: ['aal3:1', 'aal3:2'],
    fadeOthers: true,
    hiddenNetworks: ['Visual'],
    hemispheres: { left: true, right: false },
    clip: {
      x: { on: true, at: -10, flip: true },
      y: { on: false, at: 0, flip: false },
      z: { on: false, at: 3, flip: false },
    },
    explode: 0.25,
    cursor: [-44, 14, 8],
    selected: 'aal3:1',
    meshDetail: 'fine',
    overlay3d: 'blobs',
  };
  s.shown = { system: 'visual', networkAtlas: 'schaefer-400-7', topography: 'retinotopy', surface: 'inflated' };
  s.camera = { view: null, position: [300, 0, 0], target: [0, -18, 18], up: [0, 0, 1] };
  s.figure = {
    layout: 'lightbox',
    lightbox: { plane: 'coronal', count: 20 },
    panelLetters: true,
    labels: ['aal3:1'],
    format: 'svg',
    width: 3000,
    height: 2000,
    dpi: 600,
    transparent: true,
  };
  return s;
}

/** The message of the AtlasError `f` throws. */
function error(f: () => unknown): AtlasError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    return e as AtlasError;
  }
  throw new Error('expected an AtlasError');
}

const withPatch = (patch: (s: Loose) => void): unknown => {
  const s: Loose = JSON.parse(JSON.stringify(fullScene()));
  patch(s);
  return s;
};

describe('scene file', () => {
  it('has sensible defaults', () => {
    const d = defaultScene();
    expect(d.version).toBe(SCENE_VERSION);
    expect(d.app).toBe('brain-atlas-studio');
    expect(d.lang).toBe('en');
    expect(d.atlases).toEqual([]);
    expect(d.template).toEqual({ visible: true, opacity: 0.18 });
    expect(d.view.colourBy).toBe('region');
    expect(d.view.hemispheres).toEqual({ left: true, right: true });
    expect(d.view.clip.x.on || d.view.clip.y.on || d.view.clip.z.on).toBe(false);
    expect(d.view.meshDetail).toBe('fine');
    expect(d.view.overlay3d).toBe('both');
    expect(d.camera).toEqual({ view: 'left-lateral', position: null, target: null, up: null });
    expect(d.figure).toMatchObject({ layout: 'current', format: 'png', width: 1920, height: 1080, dpi: 300 });
    expect(d.figure.transparent).toBe(false);
    // Each call is a fresh object.
    d.atlases.push({ slot: 0, id: 'x', variant: 'y', sha256: null, opacity: 1 });
    expect(defaultScene().atlases).toEqual([]);
  });

  it('round-trips the default scene and a full one through JSON text', () => {
    expect(parseSceneText(JSON.stringify(defaultScene()))).toEqual(defaultScene());
    const full = fullScene();
    const back = parseSceneText(JSON.stringify(full, null, 2));
    expect(back).toEqual(full);
    // A copy, not the same arrays.
    expect(validateScene(full).atlases).not.toBe(full.atlases);
    // A byte-order mark at the start is ignored.
    expect(parseSceneText(`\uFEFF${JSON.stringify(full)}`)).toEqual(full);
  });

  it('gives absent parts their defaults, so older files stay readable', () => {
    const minimal = { version: 1, app: 'brain-atlas-studio' };
    expect(validateScene(minimal)).toEqual(defaultScene());
    const partial = validateScene({
      version: 1,
      app: 'brain-atlas-studio',
      figure: { width: 800 },
      view: { explode: 0.5, clip: { y: { on: true } } },
      camera: { view: 'superior' },
    });
    expect(partial.figure).toEqual({ ...defaultScene().figure, width: 800 });
    expect(partial.view.explode).toBe(0.5);
    expect(partial.view.clip.y).toEqual({ on: true, at: 0, flip: false });
    expect(partial.view.clip.x).toEqual({ on: false, at: 0, flip: false });
    expect(partial.view.hemispheres).toEqual({ left: true, right: true });
    expect(partial.camera).toEqual({ view: 'superior', position: null, target: null, up: null });
    expect(partial.shown).toEqual({ system: null, networkAtlas: null, topography: null, surface: null });
    // A map saved before its outline, threshold link and report options were kept has none of them: opening it
    // leaves the window's own.
    const { outline, linked, sign, minSize, sizeUnit, connectivity, ...older } = fullScene().maps[0];
    const read = validateScene({ version: 1, app: 'brain-atlas-studio', maps: [older] }).maps[0];
    expect(read).toEqual(older);
    expect(Object.keys(read)).not.toContain('outline');
  });

  it('refuses a newer version, saying which versions it reads', () => {
    const e = error(() => validateScene(withPatch((s) => (s.version = 3))));
    expect(e.message).toBe(
      'this scene file is version 3; this Brain Atlas Studio reads scene files up to version 1 — update the app to open it',
    );
  });

  it('says when a file is not a scene file', () => {
    expect(error(() => validateScene(withPatch((s) => delete s.version))).message).toBe(
      'this is not a Brain Atlas Studio scene file (no version)',
    );
    expect(error(() => validateScene(withPatch((s) => (s.version = '1')))).message).toBe(
      'this is not a Brain Atlas Studio scene file (no version)',
    );
    expect(error(() => validateScene(withPatch((s) => (s.app = 'other')))).message).toMatch(
      /^this is not a Brain Atlas Studio scene file/,
    );
    expect(error(() => validateScene([1, 2])).message).toMatch(/^this is not a Brain Atlas Studio scene file/);
    expect(error(() => validateScene(withPatch((s) => (s.version = 0)))).message).toBe(
      "the scene's version is 0, which is not valid",
    );
  });

  it('names the field out of range', () => {
    const msg = (patch: (s: Loose) => void) => error(() => validateScene(withPatch(patch))).message;
    expect(msg((s) => (s.figure.width = 0))).toBe("the scene's figure width is 0, which is not valid");
    expect(msg((s) => (s.figure.height = 16385))).toBe("the scene's figure height is 16385, which is not valid");
    expect(msg((s) => (s.figure.width = 100.5))).toBe("the scene's figure width is 100.5, which is not valid");
    expect(msg((s) => (s.figure.dpi = 0))).toBe("the scene's figure dpi is 0, which is not valid");
    expect(msg((s) => (s.figure.format = 'gif'))).toBe("the scene's figure format is 'gif', which is not valid");
    expect(msg((s) => (s.figure.layout = 'nine'))).toBe("the scene's figure layout is 'nine', which is not valid");
    expect(msg((s) => (s.figure.lightbox.count = 49))).toBe(
      "the scene's lightbox slice count is 49, which is not valid",
    );
    expect(msg((s) => (s.figure.lightbox.count = 1))).toBe("the scene's lightbox slice count is 1, which is not valid");
    expect(msg((s) => (s.figure.lightbox.plane = 'oblique'))).toBe(
      "the scene's lightbox slice orientation is 'oblique', which is not valid",
    );
    expect(msg((s) => (s.atlases[0].sha256 = 'ABC'))).toBe("the scene's atlas 1 sha256 is 'ABC', which is not valid");
    expect(msg((s) => (s.maps[0].sha256 = SHA.toUpperCase()))).toMatch(/^the scene's map 1 sha256 is '/);
    expect(msg((s) => (s.atlases[1].id = 'Bad Id'))).toBe("the scene's atlas 2 id is 'Bad Id', which is not valid");
    expect(msg((s) => (s.atlases[1].slot = 0))).toBe("the scene's atlas slot 0 holds two atlases, which is not valid");
    expect(msg((s) => (s.maps[0].posThreshold = null))).toBe(
      "the scene's map 1 positive threshold is null, which is not valid",
    );
    expect(msg((s) => (s.maps[0].colormap = 'jet'))).toBe("the scene's map 1 colour map is 'jet', which is not valid");
    expect(msg((s) => (s.maps[0].show = 'all'))).toBe("the scene's map 1 sign shown is 'all', which is not valid");
    expect(msg((s) => (s.maps[0].outline = 'yes'))).toBe("the scene's map 1 outline is 'yes', which is not valid");
    expect(msg((s) => (s.maps[0].sign = 'all'))).toBe("the scene's map 1 sign reported is 'all', which is not valid");
    expect(msg((s) => (s.maps[0].minSize = -1))).toBe(
      "the scene's map 1 minimum cluster size is -1, which is not valid",
    );
    expect(msg((s) => (s.maps[0].sizeUnit = 'cm3'))).toBe("the scene's map 1 size unit is 'cm3', which is not valid");
    expect(msg((s) => (s.maps[0].connectivity = 8))).toBe("the scene's map 1 connectivity is 8, which is not valid");
    expect(msg((s) => (s.maps[0].path = ''))).toBe("the scene's map 1 path is '', which is not valid");
    expect(msg((s) => (s.maps[0].path = 'a\0b'))).toMatch(/^the scene's map 1 path is /);
    expect(msg((s) => (s.maps = Array(33).fill(s.maps[0])))).toBe(
      'the scene has 33 maps, but a scene holds at most 32',
    );
    expect(msg((s) => (s.atlases = Array(9).fill(s.atlases[0])))).toBe(
      'the scene has 9 atlases, but a scene holds at most 8',
    );
    expect(msg((s) => (s.maps = {}))).toBe("the scene's map list is an object, which is not valid");
    expect(msg((s) => (s.camera.position = [1, 2]))).toBe("the scene's camera position is a list, which is not valid");
    expect(msg((s) => (s.camera.view = 'front'))).toBe("the scene's camera view is 'front', which is not valid");
    expect(msg((s) => (s.lang = 'fr'))).toBe("the scene's language is 'fr', which is not valid");
    expect(msg((s) => (s.view.meshDetail = 'ultra'))).toBe("the scene's mesh detail is 'ultra', which is not valid");
    expect(msg((s) => (s.view.overlay3d = 'glass'))).toBe(
      "the scene's way maps are drawn in 3D is 'glass', which is not valid",
    );
  });

  it('refuses absolute map paths', () => {
    for (const p of ['/data/zstat1.nii.gz', 'C:/data/zstat1.nii.gz', 'c:zstat1.nii.gz', '\\\\server\\share\\z.nii'])
      expect(error(() => validateScene(withPatch((s) => (s.maps[0].path = p)))).message).toMatch(
        /^the scene's map 1 path is '.*', which is not relative to the scene file's folder$/,
      );
  });

  it('treats a present part of the wrong type as an error, not as absent', () => {
    const msg = (patch: (s: Loose) => void) => error(() => validateScene(withPatch(patch))).message;
    expect(msg((s) => (s.figure = null))).toBe("the scene's figure is null, which is not valid");
    expect(msg((s) => (s.shown = 'visual'))).toBe("the scene's shown part is 'visual', which is not valid");
    expect(msg((s) => (s.view.hemispheres = { left: 'yes' }))).toBe(
      "the scene's left hemisphere is 'yes', which is not valid",
    );
    expect(msg((s) => (s.figure.labels = ['not a key']))).toBe(
      "the scene's figure labels entry is 'not a key', which is not valid",
    );
  });

  it('parses text: size limit and bad JSON', () => {
    const big = error(() => parseSceneText(' '.repeat(MAX_SCENE_CHARS + 1)));
    expect(big.code).toBe('too-large');
    const bad = error(() => parseSceneText('{"version": 1,'));
    expect(bad.code).toBe('corrupt');
    expect(bad.message).toMatch(/^the scene file is not valid JSON: /);
  });
});
