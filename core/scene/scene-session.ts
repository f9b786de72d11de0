/**
 * A scene file and the saved session share the drawing state: the session is the part of a scene the window
 * autosaves (no camera or figure; the settings of the maps the engine holds, which a scene keeps by file in its own
 * way, are the session's own and are not converted). These convert one into the other, so that putting a scene back
 * goes through the same code as restoring a session.
 */
import { type BrainScene, defaultScene, SCENE_VIEW_KEYS, type SceneView } from './scene-file';
import { SESSION_VERSION, type SavedSession } from './session';

/** A deep copy of plain data (what both formats are). */
const plainCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The scene's drawing state as a session (maps named by file name, as the session notes them). */
export function sessionOfScene(scene: BrainScene): SavedSession {
  const slots = Math.max(2, ...scene.atlases.map((a) => a.slot + 1));
  return {
    version: SESSION_VERSION,
    lang: scene.lang,
    layers: Array.from({ length: slots }, (_, slot) => {
      const a = scene.atlases.find((x) => x.slot === slot);
      return a ? { atlasId: a.id, variant: a.variant, opacity: a.opacity } : null;
    }),
    preferredRes: null,
    template: { ...scene.template },
    ...plainCopy(scene.view),
    maps: scene.maps.map((m) => m.path.split('/').pop() ?? m.path),
    shown: { ...scene.shown },
  };
}

/** A scene holding what a session holds; maps, camera and the figure are the defaults. */
export function sceneFromSession(session: SavedSession): BrainScene {
  const copy = plainCopy(session);
  return {
    ...defaultScene(),
    lang: session.lang,
    atlases: session.layers.flatMap((l, slot) =>
      l ? [{ slot, id: l.atlasId, variant: l.variant, sha256: null, opacity: l.opacity }] : [],
    ),
    template: { ...session.template },
    shown: { ...session.shown },
    view: Object.fromEntries(SCENE_VIEW_KEYS.map((k) => [k, copy[k]])) as SceneView,
  };
}
