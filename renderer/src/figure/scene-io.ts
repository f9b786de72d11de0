/**
 * Scene files in the window: the store as a BrainScene (Save scene), and a BrainScene put back (Open scene, a
 * dropped file, `brain-atlas render`): the atlases and how they are drawn (through session-sync's applySession),
 * the maps with their thresholds and colours, the networks, system or topographic map shown, the camera and the
 * figure settings. What cannot be shown is named, one sentence each, and the rest opens.
 */
import { sceneFromSession, sessionOfScene } from '../../../core/scene/scene-session';
import { type BrainScene, parseSceneText } from '../../../core/scene/scene-file';
import type { AtlasListing } from '../../../core/api';
import { applySession, snapshot } from '../store/session-sync';
import { useStore } from '../store';
import { MAX_LAYERS } from '../store/scene-slice';
import { figureTarget } from './figure-bridge';

/** The camera of the 3D view now (null before the view exists). */
function liveCamera(): BrainScene['camera'] {
  const t = figureTarget();
  if (!t) return { view: null, position: null, target: null, up: null };
  const v = (p: { x: number; y: number; z: number }): [number, number, number] => [p.x, p.y, p.z];
  return {
    view: null,
    position: v(t.camera.position),
    target: t.controls ? v(t.controls.target) : null,
    up: v(t.camera.up),
  };
}

/** Everything the window shows, as a scene file's content. Maps are named by file name, beside the scene. */
export function sceneFromStore(): BrainScene {
  const s = useStore.getState();
  const scene = sceneFromSession(snapshot(s));
  return {
    ...scene,
    maps: s.overlays.map((o) => ({
      path: o.info.fileName,
      sha256: o.info.sha256,
      frame: o.info.frame,
      visible: o.settings.visible,
      colormap: o.settings.colormap,
      posThreshold: o.settings.posThreshold,
      negThreshold: o.settings.negThreshold,
      max: o.settings.max,
      opacity: o.settings.opacity,
      show: o.settings.show,
      outline: o.settings.outline,
      linked: o.settings.linked,
      sign: o.settings.sign,
      minSize: o.settings.minSize,
      sizeUnit: o.settings.sizeUnit,
      connectivity: o.settings.connectivity,
    })),
    camera: liveCamera(),
    figure: { ...s.figure },
  };
}

/** Waits until a frame shows everything the store asks for (the page's own view of the tests' `drawn`). */
export async function sceneDrawn(timeoutMs = 120_000): Promise<void> {
  const start = performance.now();
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await frame();
  for (;;) {
    // FrameProbe's report on the 3D view: every layer, the template and every map's geometry is on screen.
    const el = document.querySelector<HTMLElement>('section[data-version]');
    if (el && el.dataset.ready === 'true' && el.dataset.drawnVersion === el.dataset.version) return;
    if (performance.now() - start > timeoutMs) throw new Error('the scene did not finish drawing in time');
    figureTarget()?.invalidate();
    await frame();
  }
}

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

/**
 * Opens the maps a scene names and gives them the scene's settings: each takes an open map with the same sha256 (or
 * file name, when the scene has no sha256) that no map before it in the scene took, else a file among `files` with
 * the map's name is opened (so a file the scene names twice, with two thresholds, is open twice). Returns the problems.
 */
export async function openSceneMaps(scene: BrainScene, files: readonly File[]): Promise<string[]> {
  const problems: string[] = [];
  const st = useStore.getState();
  await st.syncOpenMaps();
  const taken = new Set<string>();
  for (const m of scene.maps) {
    const name = fileName(m.path);
    const find = () =>
      useStore
        .getState()
        .overlays.find(
          (o) => !taken.has(o.mapId) && (m.sha256 ? o.info.sha256 === m.sha256 : o.info.fileName === name),
        );
    let overlay = find();
    if (!overlay) {
      const file = files.find((f) => f.name === name);
      if (file) {
        await useStore.getState().openMapFile(file);
        overlay = find();
        if (!overlay) {
          problems.push(`map ${m.path} has changed since the scene was saved (its sha256 differs); it was left out`);
          continue;
        }
      } else {
        problems.push(`map ${m.path} is not open; choose it together with the scene file`);
        continue;
      }
    }
    taken.add(overlay.mapId);
    if (overlay.info.frame !== m.frame && m.frame < overlay.info.frames)
      await useStore.getState().setOverlayFrame(overlay.mapId, m.frame);
    // Everything but where the map is are its settings; what an older scene lacks stays as the window has it.
    const { path: _path, sha256: _sha256, frame: _frame, ...settings } = m;
    useStore.getState().setOverlaySettings(overlay.mapId, {
      linked: m.posThreshold === m.negThreshold,
      ...settings,
    });
  }
  return problems;
}

function applyCamera(camera: BrainScene['camera']): void {
  const t = figureTarget();
  if (camera.position && camera.target && t) {
    t.camera.up.set(...(camera.up ?? [0, 0, 1]));
    t.camera.position.set(...camera.position);
    if (t.controls) {
      t.controls.target.set(...camera.target);
      t.controls.update();
    } else t.camera.lookAt(...camera.target);
    t.camera.updateMatrixWorld();
    t.invalidate();
  } else if (camera.view) useStore.getState().requestCamera(camera.view);
}

/** The voxel size (mm) of the variant the scene draws its first atlas at, where the catalog lists it; else null. */
function sceneResolution(scene: BrainScene, listings: readonly AtlasListing[]): number | null {
  const first = [...scene.atlases].sort((a, b) => a.slot - b.slot)[0];
  const listing = first && listings.find((l) => l.id === first.id);
  return listing?.variants.find((v) => v.id === first.variant)?.resolutionMm ?? null;
}

/** Puts a scene back; resolves with what could not be shown, once it is drawn. */
export async function applyScene(scene: BrainScene, files: readonly File[] = []): Promise<string[]> {
  const problems: string[] = [];
  const listings = useStore.getState().listings ?? [];
  for (const a of scene.atlases) {
    const l = listings.find((x) => x.id === a.id);
    if (!l) problems.push(`atlas ${a.id} is not in this app's catalog; it was left out`);
    else if (l.status !== 'present') problems.push(`atlas ${a.id} is not on this computer; download it first`);
    else if (a.slot >= MAX_LAYERS)
      problems.push(
        `atlas ${a.id} is in slot ${a.slot + 1}; the window draws ${MAX_LAYERS} atlases, so it was left out`,
      );
  }
  // The Resolution picker says what the scene draws: its first atlas's voxel size (not "Finest available").
  await applySession({ ...sessionOfScene(scene), preferredRes: sceneResolution(scene, listings) });
  useStore.getState().setFigureOptions(scene.figure);
  problems.push(...(await openSceneMaps(scene, files)));
  await sceneDrawn();
  applyCamera(scene.camera);
  await sceneDrawn();
  return problems;
}

/** Opens a scene file chosen or dropped by the user, with any map files chosen beside it. */
export async function openSceneFiles(files: readonly File[]): Promise<string[]> {
  const sceneFile = files.find((f) => f.name.endsWith('.brainscene.json'));
  if (!sceneFile) throw new Error('choose a .brainscene.json file (and the map files it names, if any)');
  const scene = parseSceneText(await sceneFile.text());
  return applyScene(
    scene,
    files.filter((f) => f !== sceneFile),
  );
}
