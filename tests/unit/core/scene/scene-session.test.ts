/**
 * Scene files and the saved session share their drawing state: converting one into the other and back keeps every
 * field, and a session saved before `shown` was kept still reads (nothing shown), while a bad id in it is refused.
 */
import { describe, expect, it } from 'vitest';
import { defaultScene, parseSceneText } from '../../../../core/scene/scene-file';
import { sceneFromSession, sessionOfScene } from '../../../../core/scene/scene-session';
import { validateSession } from '../../../../core/scene/session';
import { EMPTY_SESSION } from '../../../helpers/sessions';

describe('scene and session', () => {
  it('round-trips a session through a scene, shown panels and opacity included', () => {
    const session = {
      ...EMPTY_SESSION,
      lang: 'zh' as const,
      layers: [{ atlasId: 'aal3', variant: '2mm', opacity: 0.7 }, null],
      hidden: ['aal3:5'],
      explode: 0.4,
      shown: { system: 'language', networkAtlas: 'yeo-7', topography: 'retinotopy', surface: 'pial' as const },
    };
    const scene = sceneFromSession(session);
    expect(scene.atlases).toEqual([{ slot: 0, id: 'aal3', variant: '2mm', sha256: null, opacity: 0.7 }]);
    expect(scene.shown).toEqual(session.shown);
    expect(scene.view.hidden).toEqual(['aal3:5']);
    expect(sessionOfScene(scene)).toEqual(session);
  });

  it('names maps by file name and puts an atlas of slot 1 in the second layer', () => {
    const scene = defaultScene();
    scene.atlases = [{ slot: 1, id: 'tian-s2', variant: '1mm', sha256: null, opacity: 1 }];
    scene.maps = [
      {
        path: 'stats/zstat1.nii.gz',
        sha256: null,
        frame: 0,
        visible: true,
        colormap: 'hot',
        posThreshold: 3.1,
        negThreshold: 3.1,
        max: 8,
        opacity: 1,
        show: 'both',
      },
    ];
    const s = sessionOfScene(scene);
    expect(s.layers).toEqual([null, { atlasId: 'tian-s2', variant: '1mm', opacity: 1 }]);
    expect(s.maps).toEqual(['zstat1.nii.gz']);
  });

  it('round-trips a scene of three atlases (a brain system) through the session, and parses it back', () => {
    const scene = defaultScene();
    scene.atlases = [
      { slot: 0, id: 'aal3', variant: '1mm', sha256: null, opacity: 1 },
      { slot: 1, id: 'brodmann', variant: '1mm', sha256: null, opacity: 0.5 },
      { slot: 2, id: 'julich-brain', variant: '1mm', sha256: null, opacity: 0.8 },
    ];
    scene.shown = { ...scene.shown, system: 'visual' };
    const session = sessionOfScene(scene);
    expect(session.layers.map((l) => l?.atlasId)).toEqual(['aal3', 'brodmann', 'julich-brain']);
    expect(validateSession(JSON.parse(JSON.stringify(session)))).toEqual(session);
    const back = sceneFromSession(session);
    expect(back.atlases).toEqual(scene.atlases);
    expect(parseSceneText(JSON.stringify(back)).atlases).toEqual(scene.atlases);
    // A two-slot session (saved before there were four) still reads, with its two layers.
    const old = { ...session, layers: session.layers.slice(0, 2) };
    expect(sceneFromSession(validateSession(old)).atlases.map((a) => a.id)).toEqual(['aal3', 'brodmann']);
  });

  it('reads a session without `shown` as nothing shown, and refuses a bad id there', () => {
    const { shown: _, ...old } = EMPTY_SESSION;
    expect(validateSession(old).shown).toEqual({ system: null, networkAtlas: null, topography: null, surface: null });
    expect(() => validateSession({ ...EMPTY_SESSION, shown: { system: '../etc' } })).toThrow(
      /the saved session's system shown is '\.\.\/etc', which is not valid/,
    );
    // A session from before the surface view was kept shows the volume; an unknown surface is refused.
    expect(validateSession({ ...EMPTY_SESSION, shown: { system: 'visual' } }).shown.surface).toBeNull();
    expect(() => validateSession({ ...EMPTY_SESSION, shown: { surface: 'sphere' } })).toThrow(
      /the saved session's surface shown is 'sphere', which is not valid/,
    );
  });

  it('keeps the heights given to the resizable panes, and refuses an unknown pane or a bad height', () => {
    const withPanes = { ...EMPTY_SESSION, panes: { report: 180, slices: 240 } };
    expect(validateSession(JSON.parse(JSON.stringify(withPanes))).panes).toEqual({ report: 180, slices: 240 });
    expect(validateSession(EMPTY_SESSION).panes).toBeUndefined();
    expect(() => validateSession({ ...EMPTY_SESSION, panes: { sidebar: 100 } })).toThrow(
      /the saved session's pane is 'sidebar', which is not valid/,
    );
    expect(() => validateSession({ ...EMPTY_SESSION, panes: { report: -5 } })).toThrow(
      /the saved session's report pane height is -5, which is not valid/,
    );
    expect(() => validateSession({ ...EMPTY_SESSION, panes: [] })).toThrow(/pane sizes/);
  });

  it('keeps the mesh detail through a scene and back; a session without it is standard', () => {
    const fine = validateSession({ ...EMPTY_SESSION, meshDetail: 'fine' });
    expect(fine.meshDetail).toBe('fine');
    const scene = parseSceneText(JSON.stringify(sceneFromSession(fine)));
    expect(scene.view.meshDetail).toBe('fine');
    expect(sessionOfScene(scene).meshDetail).toBe('fine');
    const { meshDetail: _, ...old } = EMPTY_SESSION;
    expect(validateSession(old).meshDetail).toBe('standard');
    expect(() => validateSession({ ...EMPTY_SESSION, meshDetail: 'ultra' })).toThrow(
      /the saved session's mesh detail is 'ultra', which is not valid/,
    );
  });

  it('keeps how maps are drawn in 3D through a scene and back; a session without it draws both', () => {
    const blobs = validateSession({ ...EMPTY_SESSION, overlay3d: 'blobs' });
    expect(blobs.overlay3d).toBe('blobs');
    const scene = parseSceneText(JSON.stringify(sceneFromSession(blobs)));
    expect(scene.view.overlay3d).toBe('blobs');
    expect(sessionOfScene(scene).overlay3d).toBe('blobs');
    const { overlay3d: _, ...old } = EMPTY_SESSION;
    expect(validateSession(old).overlay3d).toBe('both');
    expect(parseSceneText(JSON.stringify({ ...sceneFromSession(old as never), view: {} })).view.overlay3d).toBe('both');
    expect(() => validateSession({ ...EMPTY_SESSION, overlay3d: 'glass' })).toThrow(
      /the saved session's way maps are drawn in 3D is 'glass', which is not valid/,
    );
  });
});
