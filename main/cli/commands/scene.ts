/**
 * `brain-atlas scene new`: writes a scene file (`*.brainscene.json`) naming atlases present on this machine and
 * statistical maps beside it, with the camera view and figure settings to render; `brain-atlas scene check`: lists
 * what a scene file refers to that is missing or has changed (exit 1 when anything is).
 */
import path from 'node:path';
import {
  type BrainScene,
  MAX_SCENE_ATLASES,
  MAX_SCENE_MAPS,
  SCENE_CAMERA_VIEWS,
  SCENE_EXTENSION,
  SCENE_FIGURE_FORMATS,
  SCENE_LAYOUTS,
  type SceneAtlas,
  type SceneMap,
  defaultScene,
} from '../../../core/scene/scene-file';
import { AtlasError } from '../../../core/errors';
import { MAX_LIGHTBOX_SLICES, MIN_LIGHTBOX_SLICES, SLICE_PLANES } from '../../../core/figure/slice-panels';
import type { AtlasService } from '../../services/atlas-service';
import { readStatMap } from '../../services/cluster-report';
import { labelsSha256, readSceneFile, relativeMapPath, sha256File, writeSceneFile } from '../../services/scene-files';
import { maxBytesFromEnv } from '../../services/volume-io';
import { type ParsedArgs, UsageError, parseRes } from '../args';
import type { CliCommand, CliIo } from '../command';
import { parseNumberFlag, splitList } from '../options';

/** The threshold a new scene's maps get unless --threshold says otherwise (z 3.1: p < 0.001 one-sided). */
export const DEFAULT_SCENE_THRESHOLD = 3.1;

const NEW_OPTIONS = [
  'atlas',
  'res',
  'map',
  'threshold',
  'view',
  'layout',
  'slices',
  'slice-orientation',
  'label',
  'width',
  'height',
  'dpi',
  'transparent',
  'format',
  'lang',
  'out',
];

export const sceneCommand: CliCommand = {
  options: NEW_OPTIONS,
  async run({ io, rest, args, makeService }) {
    const [sub, ...files] = rest;
    if (sub === 'new') {
      if (files.length > 0)
        throw new UsageError(`scene new takes no file names (write the scene with --out), got "${files[0]}"`);
      return await sceneNew(io, args, makeService);
    }
    if (sub === 'check') {
      if (files.length !== 1) throw new UsageError('scene check needs one scene file: scene check S.brainscene.json');
      const used = [...args.flags, ...args.values.keys()];
      if (used.length > 0) throw new UsageError(`scene check does not take --${used[0]}`);
      return await sceneCheck(io, files[0], await makeService());
    }
    throw new UsageError(sub === undefined ? 'scene needs new or check' : `scene needs new or check, got "${sub}"`);
  },
};

function choice<T extends string>(args: ParsedArgs, name: string, values: readonly T[]): T | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  if (!values.includes(raw as T))
    throw new UsageError(`--${name} must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}, got "${raw}"`);
  return raw as T;
}

/** The scene's figure, camera and language from the options; atlases and maps come later. */
function sceneOfOptions(args: ParsedArgs): BrainScene {
  const scene = defaultScene();
  const views = SCENE_CAMERA_VIEWS.filter((v) => v !== 'reset');
  scene.camera.view = choice(args, 'view', views) ?? scene.camera.view;
  scene.lang = choice(args, 'lang', ['en', 'zh'] as const) ?? scene.lang;
  const f = scene.figure;
  f.layout = choice(args, 'layout', SCENE_LAYOUTS) ?? f.layout;
  if ((args.values.has('slices') || args.values.has('slice-orientation')) && f.layout !== 'lightbox')
    throw new UsageError('--slices and --slice-orientation are for --layout lightbox');
  const count = (n: number) => Number.isInteger(n) && n >= MIN_LIGHTBOX_SLICES && n <= MAX_LIGHTBOX_SLICES;
  const labels = args.values.get('label');
  if (labels !== undefined) {
    f.labels = splitList(labels);
    const bad = f.labels.find((k) => !/^[a-z0-9][a-z0-9._-]{0,63}:-?\d{1,9}$/.test(k));
    if (f.labels.length === 0 || bad !== undefined)
      throw new UsageError(`--label needs region keys ATLAS:VALUE such as aal3:1,aal3:69, got "${bad ?? labels}"`);
  }
  f.lightbox = {
    plane: choice(args, 'slice-orientation', SLICE_PLANES) ?? f.lightbox.plane,
    count:
      parseNumberFlag(args, 'slices', count, `a whole number from ${MIN_LIGHTBOX_SLICES} to ${MAX_LIGHTBOX_SLICES}`) ??
      f.lightbox.count,
  };
  f.format = choice(args, 'format', SCENE_FIGURE_FORMATS) ?? f.format;
  const side = (n: number) => Number.isInteger(n) && n >= 16 && n <= 16384;
  f.width = parseNumberFlag(args, 'width', side, 'a whole number of pixels from 16 to 16384') ?? f.width;
  f.height = parseNumberFlag(args, 'height', side, 'a whole number of pixels from 16 to 16384') ?? f.height;
  f.dpi = parseNumberFlag(args, 'dpi', (n) => n >= 1 && n <= 10000, 'dots per inch from 1 to 10000') ?? f.dpi;
  f.transparent = args.flags.has('transparent');
  return scene;
}

async function sceneNew(io: CliIo, args: ParsedArgs, makeService: () => Promise<AtlasService>): Promise<number> {
  const out = args.values.get('out');
  if (!out) throw new UsageError(`scene new needs --out S${SCENE_EXTENSION}`);
  if (!out.endsWith(SCENE_EXTENSION) || path.basename(out) === SCENE_EXTENSION)
    throw new UsageError(`--out must name a file ending in ${SCENE_EXTENSION}, got "${out}"`);
  const scene = sceneOfOptions(args);
  const res = parseRes(args.values.get('res'));
  const atlasArg = args.values.get('atlas');
  const ids = atlasArg === undefined ? [] : splitList(atlasArg);
  if (atlasArg !== undefined && ids.length === 0) throw new UsageError('--atlas needs atlas ids such as aal3,brodmann');
  if (ids.length > MAX_SCENE_ATLASES)
    throw new UsageError(`a scene holds at most ${MAX_SCENE_ATLASES} atlases, got ${ids.length}`);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UsageError(`--atlas names ${twice} twice`);
  const mapArg = args.values.get('map');
  const maps = mapArg === undefined ? [] : splitList(mapArg);
  if (mapArg !== undefined && maps.length === 0) throw new UsageError('--map needs a map file (a NIfTI file)');
  if (maps.length > MAX_SCENE_MAPS)
    throw new UsageError(`a scene holds at most ${MAX_SCENE_MAPS} maps, got ${maps.length}`);
  if (args.values.has('threshold') && maps.length === 0) throw new UsageError('--threshold is for the maps of --map');
  const threshold =
    parseNumberFlag(args, 'threshold', (n) => n >= 0, 'a number 0 or more (the |value| maps show from)') ??
    DEFAULT_SCENE_THRESHOLD;

  const sceneFile = path.resolve(out);
  const service = await makeService();
  scene.atlases = await Promise.all(ids.map((id, slot) => sceneAtlas(service, id, slot, res)));
  const maxBytes = maxBytesFromEnv(io.env);
  for (const m of maps) scene.maps.push(await sceneMap(io, sceneFile, m, threshold, maxBytes));
  await writeSceneFile(sceneFile, scene);
  io.out(sceneFile);
  return 0;
}

/** The atlas in `slot`: its finest variant on this machine (at --res when given), with the catalog's sha256. */
async function sceneAtlas(service: AtlasService, id: string, slot: number, res?: number): Promise<SceneAtlas> {
  const atlas = service.atlas(id);
  const variant = await service.variantOf(atlas, res);
  if (!(await service.variantPresent(atlas, variant))) {
    const fetch = `brain-atlas fetch ${atlas.id}${res === undefined ? '' : ` --res ${res}`}`;
    throw new AtlasError('not-found', `atlas ${atlas.id} is not on this computer; run \`${fetch}\``);
  }
  return { slot, id: atlas.id, variant: variant.id, sha256: labelsSha256(variant), opacity: 1 };
}

/**
 * A map as the scene names it: its path relative to the scene file, its sha256, and a display that fits its values:
 * the colour range up to its largest |value|, both signs with 'hot' when it has both, else the one sign it has.
 */
async function sceneMap(
  io: CliIo,
  sceneFile: string,
  file: string,
  threshold: number,
  maxBytes: number | undefined,
): Promise<SceneMap> {
  const abs = path.resolve(file);
  const map = await readStatMap(abs, { maxBytes });
  for (const w of map.warnings) io.err(`warning: ${path.basename(abs)}: ${w}`);
  if (map.spaceWarning) io.err(`warning: ${path.basename(abs)}: ${map.spaceWarning}`);
  let min = 0;
  let max = 0;
  for (const v of map.values) {
    if (v - v !== 0) continue; // NaN and ±Infinity: missing
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const twoSigned = min < 0 && max > 0;
  return {
    path: relativeMapPath(path.dirname(sceneFile), abs),
    sha256: await sha256File(abs),
    frame: 0,
    visible: true,
    colormap: twoSigned ? 'hot' : 'red-yellow',
    posThreshold: threshold,
    negThreshold: threshold,
    max: Math.max(max, -min),
    opacity: 1,
    show: twoSigned ? 'both' : min < 0 ? 'negative' : 'positive',
  };
}

async function sceneCheck(io: CliIo, file: string, service: AtlasService): Promise<number> {
  const { scene, problems } = await readSceneFile(file, service);
  if (problems.length === 0) {
    const atlases = `${scene.atlases.length} atlas${scene.atlases.length === 1 ? '' : 'es'}`;
    const maps = `${scene.maps.length} map${scene.maps.length === 1 ? '' : 's'}`;
    io.out(`${file}: ${atlases} and ${maps}, all here and unchanged`);
    return 0;
  }
  for (const p of problems) io.out(p);
  return 1;
}
